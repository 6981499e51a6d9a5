@d(x is 1)
class C:
    pass
