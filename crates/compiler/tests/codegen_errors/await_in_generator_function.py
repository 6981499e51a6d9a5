def f():
    yield await x
