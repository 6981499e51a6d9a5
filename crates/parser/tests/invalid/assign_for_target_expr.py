for a + b in items:
    pass
