def f():
    def g():
        nonlocal a
    def h():
        nonlocal b
