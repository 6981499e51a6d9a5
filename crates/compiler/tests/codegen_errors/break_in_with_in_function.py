def f():
    with a:
        break
