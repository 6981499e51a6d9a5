def check(x):
    if x:
