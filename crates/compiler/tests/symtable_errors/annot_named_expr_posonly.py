from __future__ import annotations
def f(p: (a := 1), /): pass
