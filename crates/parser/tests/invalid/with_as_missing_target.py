with ctx as:
    pass
