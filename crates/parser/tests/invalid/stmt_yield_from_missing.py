def g():
    yield from
