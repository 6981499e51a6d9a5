a = *b = c
