def f(x):
    print(x)
    global x
