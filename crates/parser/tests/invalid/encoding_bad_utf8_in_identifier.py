def fÃ(x):
    pass
