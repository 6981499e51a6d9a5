s = {a, b for a in x}
