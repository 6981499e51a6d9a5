def f(a=x is 1):
    pass
