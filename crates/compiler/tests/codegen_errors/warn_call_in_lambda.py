f = lambda: [1, 2](3)
