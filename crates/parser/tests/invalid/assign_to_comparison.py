x < y = z
