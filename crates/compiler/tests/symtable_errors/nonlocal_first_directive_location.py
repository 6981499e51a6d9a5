def f():
    x = 1
    def g():
        global y
        nonlocal y
