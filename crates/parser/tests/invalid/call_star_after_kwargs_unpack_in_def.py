def g():
    return f(a, **kw, *rest)
