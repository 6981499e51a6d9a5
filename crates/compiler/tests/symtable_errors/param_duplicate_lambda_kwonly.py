f = lambda a, *, b, a=1: 1
