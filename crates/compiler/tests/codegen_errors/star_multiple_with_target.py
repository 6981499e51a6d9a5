def f():
    with x as (*a, *b):
        pass
