if 1 is x is 2:
    pass
