async def f():
    from os import *
