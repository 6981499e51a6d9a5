def f():
    return 'ok'
msg = 'À¯'
