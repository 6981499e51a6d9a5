f = lambda x: x is 1
