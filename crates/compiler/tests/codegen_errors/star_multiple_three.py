class C:
    *a, b, *c, *d = e
