def g(x=1, y, /):
    pass
