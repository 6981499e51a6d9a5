x = b'abc' 'def'
