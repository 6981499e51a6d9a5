f(x=*y)
