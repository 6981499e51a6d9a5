def f():
    return [0o12, 0o18]
