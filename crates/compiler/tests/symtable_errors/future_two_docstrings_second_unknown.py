"""One."""
from __future__ import annotations
from __future__ import with_statement, braces
