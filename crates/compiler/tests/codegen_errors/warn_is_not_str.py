def f(x):
    return x is not 'a'
