seen = set()
allowed = {'r', 'w'
