y = a if 0 is x is 1 else b
