from __future__ import annotations
obj.attr: (y := 1) = 2
