from __future__ import annotations
def f(*, k: (yield), **kw: (a := 1)): pass
