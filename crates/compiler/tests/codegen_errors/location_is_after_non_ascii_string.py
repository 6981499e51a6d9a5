x = 'é'; x is 1
