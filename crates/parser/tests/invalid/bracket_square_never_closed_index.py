row = grid[0
print(row)
