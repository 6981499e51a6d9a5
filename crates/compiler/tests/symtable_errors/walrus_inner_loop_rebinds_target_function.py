def f():
    [0 for a in b if (c := 1) for c in d]
