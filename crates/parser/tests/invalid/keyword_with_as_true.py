with x as True:
    pass
