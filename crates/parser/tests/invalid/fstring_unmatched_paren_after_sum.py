total = 3
print(f'sum: {(a + b))}')
