def = 3
