def f():
    yield
    async with a:
        yield
