def f():
    assert (x, y, z)
