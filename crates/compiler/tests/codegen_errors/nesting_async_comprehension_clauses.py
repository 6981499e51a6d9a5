async def f():
    return [x20
            async for x0 in y
            async for x1 in x0
            async for x2 in x1
            async for x3 in x2
            async for x4 in x3
            async for x5 in x4
            async for x6 in x5
            async for x7 in x6
            async for x8 in x7
            async for x9 in x8
            async for x10 in x9
            async for x11 in x10
            async for x12 in x11
            async for x13 in x12
            async for x14 in x13
            async for x15 in x14
            async for x16 in x15
            async for x17 in x16
            async for x18 in x17
            async for x19 in x18
            async for x20 in x19
    ]
