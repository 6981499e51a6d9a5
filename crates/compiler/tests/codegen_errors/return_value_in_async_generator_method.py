class C:
    async def m(self):
        yield self
        return self
