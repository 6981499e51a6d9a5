def f(a: 1() = 'x'()):
    pass
