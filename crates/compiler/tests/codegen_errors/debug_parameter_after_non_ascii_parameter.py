def f(ｘ, /, *, __debug__):
    pass
