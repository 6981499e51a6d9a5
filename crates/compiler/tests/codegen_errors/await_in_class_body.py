class C:
    x = await y
