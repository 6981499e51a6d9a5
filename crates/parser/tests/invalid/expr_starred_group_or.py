x = (*a or b)
