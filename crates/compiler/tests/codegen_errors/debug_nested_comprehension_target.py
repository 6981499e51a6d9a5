def f():
    return [[0 for __debug__ in y] for x in z]
