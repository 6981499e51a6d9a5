[a, *b, *c] = d
