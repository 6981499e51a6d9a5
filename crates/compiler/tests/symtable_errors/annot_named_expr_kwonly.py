from __future__ import annotations
def f(*, k: (a := 1)): pass
