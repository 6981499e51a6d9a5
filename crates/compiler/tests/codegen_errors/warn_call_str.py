def f():
    return 'a'(x)
