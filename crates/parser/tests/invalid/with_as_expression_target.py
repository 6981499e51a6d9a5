with ctx as a + b:
    pass
