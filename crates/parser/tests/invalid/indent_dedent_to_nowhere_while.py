while x:
    if y:
        z()
   w()
