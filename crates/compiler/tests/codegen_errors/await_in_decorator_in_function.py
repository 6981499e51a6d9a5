def g():
    @(await d)
    async def f():
        pass
