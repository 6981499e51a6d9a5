b'abc'['x']
