def f():
    return sum(x for x in range(y := 3))
