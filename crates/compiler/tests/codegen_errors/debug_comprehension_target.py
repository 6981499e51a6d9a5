[0 for __debug__ in x]
