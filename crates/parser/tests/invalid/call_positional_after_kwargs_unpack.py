f(**kw, x)
