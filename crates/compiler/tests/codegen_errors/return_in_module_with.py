with a:
    return b
