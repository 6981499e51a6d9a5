def f():
    return [x for a in b for x in (yield)]
