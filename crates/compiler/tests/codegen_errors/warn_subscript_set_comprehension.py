{x for x in y}[0]
