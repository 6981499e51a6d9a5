[x is 1 for x in 2()]
