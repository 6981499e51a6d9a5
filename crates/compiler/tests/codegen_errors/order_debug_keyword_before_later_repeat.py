f(__debug__=1, x=2, x=3)
