@pass
def f(): pass
