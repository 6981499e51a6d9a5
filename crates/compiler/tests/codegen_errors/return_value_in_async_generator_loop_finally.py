async def f():
    for x in y:
        try:
            return x
        finally:
            yield
