async def fetch():
await x
