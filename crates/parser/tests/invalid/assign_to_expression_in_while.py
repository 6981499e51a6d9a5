while x - 1 = 0:
    pass
