from __future__ import annotations
def f(*args: (a := 1)): pass
