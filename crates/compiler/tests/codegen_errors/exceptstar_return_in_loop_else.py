def f():
    for x in y:
        try:
            pass
        except* E:
            for z in x:
                pass
            else:
                return
