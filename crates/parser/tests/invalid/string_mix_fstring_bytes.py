v = 1
s = f'{v}' b'x'
