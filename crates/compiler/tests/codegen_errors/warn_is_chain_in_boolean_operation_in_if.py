if a and (1 is
         x is 2):
    pass
