if a < < b:
    pass
