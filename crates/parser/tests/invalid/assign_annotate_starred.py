*x: int = 1
