lambda a=[(yield) for x in y]: a
