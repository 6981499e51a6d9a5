class C:
    async def m(self):
        return (yield from self)
