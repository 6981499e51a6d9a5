from __future__ import annotations as a, nope as n
