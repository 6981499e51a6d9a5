class A:
    any((y := a) for a in b)
