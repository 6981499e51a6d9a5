[x for x in y if x is 2]
