assert x is 1, (
    'message')
