from __future__ import annotations
x: List[f(y := 1)]
