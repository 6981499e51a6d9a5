async def f():
    yield
    return None
