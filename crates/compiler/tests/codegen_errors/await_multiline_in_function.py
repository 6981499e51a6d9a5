def f():
    x = await (
        y)
