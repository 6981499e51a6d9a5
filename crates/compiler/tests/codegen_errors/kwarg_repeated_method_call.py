def f(o):
    return o.m(x=1, x=2)
