class C:
    y = x is -1
