async def f():
    if (yield):
        return [
            1,
        ]
