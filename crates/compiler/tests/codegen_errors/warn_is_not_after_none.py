x is None is not 2
