assert (*x, y)
