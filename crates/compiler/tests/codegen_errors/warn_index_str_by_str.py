'abc'['x']
