x is 1 + 2
