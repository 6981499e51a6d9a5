def f():
    [x for x in y]
    def h():
        nonlocal x
