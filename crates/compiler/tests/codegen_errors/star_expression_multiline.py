def f():
    return *(
        a)
