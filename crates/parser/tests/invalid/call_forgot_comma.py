print(x y)
