if 0:
    return 1
