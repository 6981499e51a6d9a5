(a, b): tuple
