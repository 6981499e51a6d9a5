async def f():
    x = yield from y
