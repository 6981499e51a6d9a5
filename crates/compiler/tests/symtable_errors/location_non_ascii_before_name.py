def f(éé, b, éé): pass
