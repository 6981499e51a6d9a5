row = [a, b, c)
