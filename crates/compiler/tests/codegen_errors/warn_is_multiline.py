y = (x
     is
     1)
