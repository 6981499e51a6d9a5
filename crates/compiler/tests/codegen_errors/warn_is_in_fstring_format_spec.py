f'{x:{y is 1}}'
