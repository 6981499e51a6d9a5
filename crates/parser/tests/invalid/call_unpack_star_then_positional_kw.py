f(*a, k=1, **d, p)
