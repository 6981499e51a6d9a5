s = f'{x:{y!z}}'
