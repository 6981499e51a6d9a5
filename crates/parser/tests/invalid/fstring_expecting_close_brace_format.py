s = f'{x:{width}'
