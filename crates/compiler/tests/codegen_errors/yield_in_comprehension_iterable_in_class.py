class C:
    x = [a for a in (yield)]
