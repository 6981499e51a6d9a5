l = [x for in y]
