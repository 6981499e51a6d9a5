class A:
    """Doc
    x = 1
    y = 2
