if not x is 1:
    pass
