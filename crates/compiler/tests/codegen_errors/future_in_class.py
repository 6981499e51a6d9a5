from __future__ import annotations
class C:
    from __future__ import annotations
