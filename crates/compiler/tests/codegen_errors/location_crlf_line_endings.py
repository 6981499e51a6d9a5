if x:
    pass
else:
    break
