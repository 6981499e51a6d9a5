async with a as b, c:
    pass
