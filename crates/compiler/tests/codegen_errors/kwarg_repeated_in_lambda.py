f = lambda: g(y=1, y=2)
