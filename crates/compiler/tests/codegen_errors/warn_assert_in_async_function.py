async def f():
    assert (await x, 'msg')
