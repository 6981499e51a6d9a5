from __future__ import nope
def f(a, a): pass
