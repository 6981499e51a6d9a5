def f():
    del a if b else c
