x = (*not a)
