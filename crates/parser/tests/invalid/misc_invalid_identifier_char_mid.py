my·€var = 1
