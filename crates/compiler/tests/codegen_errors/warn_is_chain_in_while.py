def f():
    while x is not y is not 'a':
        pass
