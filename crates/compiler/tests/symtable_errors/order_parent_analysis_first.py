def f():
    def g():
        nonlocal y
    global z
    nonlocal z
