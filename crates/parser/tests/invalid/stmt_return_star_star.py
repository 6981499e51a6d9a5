def f():
    return **d
