def f():
    yield
    class C:
        yield
