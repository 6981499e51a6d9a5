def f(a=lambda x, x: 0, *, b: (lambda y, y: 0)): pass
