def f():
    y = 1
    global x, y
