# fine
x = 1­
