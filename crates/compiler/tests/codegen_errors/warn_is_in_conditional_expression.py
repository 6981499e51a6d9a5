y = a if x is 1 else b
