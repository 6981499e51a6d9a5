z = 2e+x
