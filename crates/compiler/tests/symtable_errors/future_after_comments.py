# A comment.

# Another.
from __future__ import braces
