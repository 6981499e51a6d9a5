from __future__ import annotations
class A:
    def m(self) -> (r := 1): pass
