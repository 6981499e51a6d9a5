def f():
    [[(a := 1) for b in x] for a in y]
