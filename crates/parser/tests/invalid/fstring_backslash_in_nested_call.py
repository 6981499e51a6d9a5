def f(xs):
    return f'{"\t".join(xs)}'
