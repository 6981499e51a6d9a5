x = 5 apples
