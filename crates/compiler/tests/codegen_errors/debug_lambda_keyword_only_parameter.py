def f():
    return lambda *, __debug__: 0
