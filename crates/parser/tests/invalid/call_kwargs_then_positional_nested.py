outer(inner(a=1, b), c)
