(x for x in y) *= 2
