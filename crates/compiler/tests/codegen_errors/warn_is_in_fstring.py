f'{x is 1}'
