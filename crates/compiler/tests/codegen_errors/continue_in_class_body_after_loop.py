for x in y:
    class C:
        for z in x:
            pass
        continue
