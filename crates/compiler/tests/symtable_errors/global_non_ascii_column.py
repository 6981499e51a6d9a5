def f():
    s = 'éé'; x = 1; global x
