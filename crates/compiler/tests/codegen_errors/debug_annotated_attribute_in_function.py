def f(x):
    x.__debug__: int = 1
