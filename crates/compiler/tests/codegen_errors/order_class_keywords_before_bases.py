class C(1(), x=1, x=2):
    pass
