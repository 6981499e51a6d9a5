class C:
    x = 'a' 'b'(1)
