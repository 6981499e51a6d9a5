def f():
    def g():
        nonlocal b
    nonlocal a
