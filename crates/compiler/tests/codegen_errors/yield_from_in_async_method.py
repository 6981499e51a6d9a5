class C:
    async def m(self):
        await (yield from self)
