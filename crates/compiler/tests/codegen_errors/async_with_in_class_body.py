class C:
    async with a as b:
        pass
