s = f'{x }'
