m = [[c for c row] for row in grid]
