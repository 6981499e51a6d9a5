def f(a: 1(), /, b: 'x'()):
    pass
