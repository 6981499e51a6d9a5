def f():
    return 3rd_place
