@d(x=1, x=2)
def f(a=1()):
    pass
