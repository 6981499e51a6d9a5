def f():
    [0 for a[(y := 1)] in z]
