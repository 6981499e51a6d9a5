import importable.helper_mod
import importable.helper_mod as hm
from importable.helper_mod import VALUE, f
print(importable.helper_mod.VALUE, hm is importable.helper_mod, VALUE, f())
import importable.sub.b
print(importable.a.X, importable.sub.b.Y)
from importable import a as aa
print(aa.X, aa.__name__, aa.__package__)
from importable.helper_mod import *
print(sorted(k for k in dir() if not k.startswith("__")))
try:
    import nothing_here
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    import importable.nothing
except ModuleNotFoundError as e:
    print(e)
try:
    from importable.helper_mod import missing
except ImportError as e:
    print(str(e).split(" (")[0])
import sys
print(sys.path[0].endswith("programs"), __debug__, "importable.sub" in sys.modules)
print(__import__("importable.sub.b").__name__, __import__("importable.sub.b", fromlist=["Y"]).__name__)
