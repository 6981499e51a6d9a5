x is 'a' * 3
