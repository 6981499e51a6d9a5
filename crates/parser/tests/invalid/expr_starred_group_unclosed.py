x = (*a b
