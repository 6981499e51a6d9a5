def f(/, *, a):
    pass
