import sys
print(sys.getrecursionlimit())
def depth(n):
    return depth(n + 1)
try:
    depth(0)
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(50)
try:
    depth(0)
except RecursionError as e:
    print("RecursionError again")
sys.setrecursionlimit(1000)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), type(tb).__name__, sys.exception() is v)
print(sys.exc_info(), sys.exception())
x = object()
print(sys.getrefcount(x))
print(sys.maxsize, sys.byteorder)
import builtins
print(builtins.len("abc"), "sys" in sys.modules)
from sys import maxsize as m
print(m == sys.maxsize)
try:
    import no_such_module_here
except ImportError as e:
    print(type(e).__name__, e)
sys.exit(3)
