a < b is 1
