x = [*a if b else c for x in y]
