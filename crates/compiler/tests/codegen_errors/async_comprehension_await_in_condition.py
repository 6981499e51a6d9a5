def f():
    return {k: v for k, v in d if await k}
