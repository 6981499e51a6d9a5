async def f():
    async with a:
        break
