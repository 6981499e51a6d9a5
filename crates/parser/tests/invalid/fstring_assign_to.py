for f'{i}' in range(3):
    pass
