def f():
    global for
