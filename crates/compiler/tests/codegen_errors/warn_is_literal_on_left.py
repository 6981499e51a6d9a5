1 is x
