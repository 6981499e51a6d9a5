[1(x) for x in y]
