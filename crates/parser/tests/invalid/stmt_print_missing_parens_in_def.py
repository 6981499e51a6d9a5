def f():
    print "value:", x
