print(f'{ !s}', 1)
