if x == 1:
    pass
elif 1 = x:
    pass
