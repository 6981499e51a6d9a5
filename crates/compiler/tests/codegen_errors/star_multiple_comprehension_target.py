{0 for *a, *b in c}
