def f():
    return {(yield): (lambda v, v: 0) for x in y}
