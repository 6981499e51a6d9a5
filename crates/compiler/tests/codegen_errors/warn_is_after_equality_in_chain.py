x == 1 is y
