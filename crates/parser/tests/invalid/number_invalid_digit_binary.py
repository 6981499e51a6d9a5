bits = 0b1012
