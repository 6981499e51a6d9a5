for i in r:
    (a, b) -= (1, 1)
