(lambda: 0)[0]
