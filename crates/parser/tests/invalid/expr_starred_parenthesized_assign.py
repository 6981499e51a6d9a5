args = [1, 2]
x = (*args)
