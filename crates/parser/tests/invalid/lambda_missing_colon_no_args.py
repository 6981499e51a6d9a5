g = lambda 42
