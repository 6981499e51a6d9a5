async def f():
    async with 1() as x:
        pass
