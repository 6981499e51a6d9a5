[x for x in (lambda a=(y := 1): a)()]
