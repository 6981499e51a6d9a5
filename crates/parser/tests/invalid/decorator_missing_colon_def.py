@dec
def f()
    pass
