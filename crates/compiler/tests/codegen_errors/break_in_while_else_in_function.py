def f():
    while x:
        pass
    else:
        break
