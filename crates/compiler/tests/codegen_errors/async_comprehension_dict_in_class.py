class C:
    d = {k: v async for k, v in y}
