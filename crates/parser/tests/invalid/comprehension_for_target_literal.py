l = [1 for 2 in y]
