x = (*a b)
