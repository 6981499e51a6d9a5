b = b'abc\x1'
