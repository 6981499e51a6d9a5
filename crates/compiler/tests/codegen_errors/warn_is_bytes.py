x is b'a'
