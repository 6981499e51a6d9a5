class C:
    for x in y:
        assert (x, 'msg')
