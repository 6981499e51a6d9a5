def f():
    return [[(y := 1) for a in b] for c in d] if 0 else 0
class A:
    [(z := 1) for a in b]
