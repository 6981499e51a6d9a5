from __future__ import café
