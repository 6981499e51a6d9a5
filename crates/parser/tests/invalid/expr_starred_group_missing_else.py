x = (*a if b)
