def f():
    return max(a b)
