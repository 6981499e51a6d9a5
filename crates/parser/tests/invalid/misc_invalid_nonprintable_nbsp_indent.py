if True:
    y = 1 + 2
