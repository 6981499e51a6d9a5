def f(a: 1()):
    break
