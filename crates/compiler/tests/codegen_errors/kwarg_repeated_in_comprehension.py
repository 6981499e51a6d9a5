class C:
    d = [dict(a=1, a=2) for x in y]
