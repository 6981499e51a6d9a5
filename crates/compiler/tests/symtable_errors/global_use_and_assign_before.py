def f():
    x = x + 1
    global x
