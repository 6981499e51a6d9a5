try:
    from __future__ import annotations
except ImportError:
    pass
