a = b = *c
