def f(a, b): pass
def g(a, b, b): pass
