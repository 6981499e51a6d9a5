a = 1
b = 'oops
c = 2
