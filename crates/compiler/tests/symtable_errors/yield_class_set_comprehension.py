class A:
    s = {(yield) for x in y}
