from __future__ import annotations
def f(x: (a := 1) = (b := lambda c, c: 0)): pass
