x = 1
def f(): pass
nonlocal x
