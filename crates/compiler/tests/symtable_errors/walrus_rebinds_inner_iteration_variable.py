[0 for a in x for b in y if (b := 1)]
