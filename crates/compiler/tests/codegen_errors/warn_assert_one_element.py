assert (x,)
