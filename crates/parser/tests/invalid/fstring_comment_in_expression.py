s = f'{x # the value}'
