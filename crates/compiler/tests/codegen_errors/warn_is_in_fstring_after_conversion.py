f'{x!r} {y is not 1}'
