class C(1()):
    break
