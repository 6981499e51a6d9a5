sorted(x for x in y, key=len)
