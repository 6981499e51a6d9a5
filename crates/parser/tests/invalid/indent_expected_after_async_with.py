async def f():
    async with lock:
    work()
