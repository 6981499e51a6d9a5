def f():
    def g():
        nonlocal while
