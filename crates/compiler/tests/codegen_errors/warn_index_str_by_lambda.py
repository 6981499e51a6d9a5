'a'[lambda: 0]
