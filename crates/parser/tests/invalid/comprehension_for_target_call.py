l = [1 for f() in y]
