x = 1; x is 1
