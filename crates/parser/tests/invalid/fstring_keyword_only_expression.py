s = f'{def}'
