@a +
def f(): pass
