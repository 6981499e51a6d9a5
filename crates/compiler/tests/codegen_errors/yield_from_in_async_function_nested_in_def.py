def f():
    async def g():
        yield from f()
    return g
