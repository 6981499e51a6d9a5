async def f():
    yield
    return *a
