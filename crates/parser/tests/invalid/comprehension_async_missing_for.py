async def f():
    return [x async x in y]
