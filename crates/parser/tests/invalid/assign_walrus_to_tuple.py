(a, b := 1, 2)
if (a, b) := pair:
    pass
