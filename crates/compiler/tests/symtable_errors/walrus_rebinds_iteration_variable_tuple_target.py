[0 for a, (b, c) in x if (c := 1)]
