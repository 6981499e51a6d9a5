f = lambda a=1(): 'x'()
