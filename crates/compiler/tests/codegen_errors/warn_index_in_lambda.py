f = lambda: 'ab'[x, y]
