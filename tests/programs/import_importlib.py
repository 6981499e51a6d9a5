# importlib's public functions over packages of tests/programs/importable.
import importlib
import importlib.util
import importlib.machinery
import sys


def where(path):
    # Paths relative to this directory, the cache tag named.
    if path is None:
        return None
    return path.split("programs/")[-1].replace(sys.implementation.cache_tag, "TAG")


m = importlib.import_module("importable.sub.b")
print(m.__name__, m.Y, m.__package__)
print(importlib.import_module(".helper_mod", "importable").VALUE)
print(importlib.import_module("..b", "importable.sub.rel").__name__)
rel = importlib.import_module("importable.sub.rel")
print(rel.PARENT)

spec = m.__spec__
print(spec.name, spec.parent, where(spec.origin), spec.has_location, where(spec.cached))
print(type(spec.loader).__name__, spec.loader is m.__loader__, spec.submodule_search_locations)
print(where(m.__file__), where(m.__cached__))
pkg = importlib.import_module("importable")
print([where(p) for p in pkg.__path__], where(pkg.__spec__.origin), pkg.__spec__.parent)
print(type(importlib.machinery.SourceFileLoader).__name__, importlib.machinery.SOURCE_SUFFIXES)
print(importlib.machinery.BYTECODE_SUFFIXES)

counter = importlib.import_module("importable.counter")
first = counter.RUNS
again = importlib.reload(counter)
print(again is counter, counter.RUNS - first)

print(importlib.util.find_spec("importable.sub").name)
print(importlib.util.find_spec("importable.no_such"))
print(importlib.util.find_spec("no_such_top_level"))
print(importlib.util.find_spec("sys").origin, importlib.util.find_spec("sys").loader.__name__)
try:
    importlib.util.find_spec("importable.helper_mod.x")
except ModuleNotFoundError as e:
    print(type(e).__name__, e)

spec = importlib.util.spec_from_file_location("loose", "importable/helper_mod.py")
print(spec.name, where(spec.origin), type(spec.loader).__name__)
loose = importlib.util.module_from_spec(spec)
print(loose.__name__, "loose" in sys.modules, where(loose.__file__))
spec.loader.exec_module(loose)
print(loose.VALUE, loose.f(), loose.__spec__ is spec)
print(repr(loose).startswith("<module 'loose' from "))

for args in [("",), (".x",), ("..x", "importable"), (5,)]:
    try:
        importlib.import_module(*args)
    except Exception as e:
        print(type(e).__name__, e)

sys.modules["blocked"] = None
try:
    import blocked
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
del sys.modules["blocked"]

for name, level in [("x", -1), ("", 0)]:
    try:
        __import__(name, globals(), None, (), level)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    __import__(3)
except TypeError as e:
    print(e)
try:
    exec("from . import x", {"__name__": "top"})
except ImportError as e:
    print(type(e).__name__, e)
try:
    exec("from ... import x", {"__name__": "importable.sub.rel", "__package__": "importable.sub"})
except ImportError as e:
    print(type(e).__name__, e)
try:
    exec("from . import x", {"__package__": 5})
except TypeError as e:
    print(type(e).__name__, e)
