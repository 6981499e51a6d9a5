class C(1()):
    pass
