async def f():
    try: pass
    except* E:
        async with a:
            return
