if a and x is 1:
    pass
