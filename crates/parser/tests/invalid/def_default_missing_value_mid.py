def f(a, b=, c=2):
    pass
