def f():
    y = 1
    def g():
        global y
        def h():
            nonlocal y
