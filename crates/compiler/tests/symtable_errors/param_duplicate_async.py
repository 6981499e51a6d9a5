async def f(x, y, x): pass
