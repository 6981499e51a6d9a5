@(lambda d, d: d)
def f(a: (lambda y, y: 0)): pass
