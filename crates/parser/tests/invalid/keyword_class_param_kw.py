class A(True=1):
    pass
