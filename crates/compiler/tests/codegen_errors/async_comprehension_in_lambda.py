f = lambda: [x async for x in y]
