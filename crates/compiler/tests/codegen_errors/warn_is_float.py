x is 1.5
