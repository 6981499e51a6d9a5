if x == 00012:
    pass
