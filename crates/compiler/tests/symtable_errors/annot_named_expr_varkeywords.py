from __future__ import annotations
def f(**kw: (a := 1)): pass
