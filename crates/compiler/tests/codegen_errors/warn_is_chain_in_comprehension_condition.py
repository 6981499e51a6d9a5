[x for x in y if 1 is x is 2]
