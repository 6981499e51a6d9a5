class C(__debug__=1):
    pass
