f(*a or b for a in b)
