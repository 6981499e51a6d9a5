if 0:
    assert (x, y)
