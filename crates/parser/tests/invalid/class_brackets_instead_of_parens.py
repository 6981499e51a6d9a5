class A[B]:
    pass
