def f():
    class C:
        return 1
    return C
