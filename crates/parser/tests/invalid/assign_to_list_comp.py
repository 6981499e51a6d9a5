[i for i in x] = y
