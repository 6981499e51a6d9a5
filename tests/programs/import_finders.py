# sys.meta_path finders, sys.path_hooks, namespace packages, and
# sys.modules as the import statement consults them.
import importlib.abc
import importlib.machinery
import importlib.util
import sys


class StringLoader(importlib.abc.Loader):
    def __init__(self, source):
        self.source = source

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(self.source, module.__dict__)


class Finder(importlib.abc.MetaPathFinder):
    calls = []

    def find_spec(self, name, path, target=None):
        self.calls.append((name, path is None))
        if name == "virtual":
            return importlib.util.spec_from_loader(name, StringLoader("A = 'from the finder'"))
        if name == "virtual_pkg":
            spec = importlib.machinery.ModuleSpec(name, StringLoader("B = 1"), is_package=True)
            return spec
        if name == "virtual_pkg.child":
            return importlib.util.spec_from_loader(name, StringLoader("C = __name__"))
        return None


finder = Finder()
sys.meta_path.insert(0, finder)
import virtual
print(virtual.A, virtual.__spec__.origin, type(virtual.__loader__).__name__, virtual.__package__)
import virtual_pkg.child
print(virtual_pkg.B, virtual_pkg.child.C, virtual_pkg.__path__, virtual_pkg.child.__package__)
from virtual_pkg import child
print(child is virtual_pkg.child)
print(finder.calls)
import importable.helper_mod
print(("importable.helper_mod", False) in finder.calls, ("importable", True) in finder.calls)
sys.meta_path.remove(finder)


class Hooked:
    def __init__(self, path):
        if path != "<hooked>":
            raise ImportError("not mine")
        self.path = path

    def find_spec(self, name, target=None):
        if name == "hooked_mod":
            return importlib.util.spec_from_loader(name, StringLoader("D = 'via the hook'"))
        return None


sys.path_hooks.insert(0, Hooked)
sys.path.append("<hooked>")
import hooked_mod
print(hooked_mod.D, type(sys.path_importer_cache["<hooked>"]).__name__)
sys.path.remove("<hooked>")
sys.path_hooks.remove(Hooked)

import importable.ns_pkg.inner.leaf as leaf
ns = sys.modules["importable.ns_pkg"]
print(leaf.NAME)
print(ns.__file__ if hasattr(ns, "__file__") else "no __file__", ns.__spec__.origin)
print(type(ns.__path__).__name__, [p.split("programs/")[-1] for p in ns.__path__])
print(type(ns.__loader__).__name__, repr(ns).startswith("<module 'importable.ns_pkg' (<"))

try:
    import importable.ns_pkg.missing
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    import importable.helper_mod.deeper
except ModuleNotFoundError as e:
    print(e)

saved = sys.modules.pop("importable.helper_mod")
import importable.helper_mod as again
print(again is not saved, again.VALUE)
sys.modules["fake_module"] = "just a string"
import fake_module
print(fake_module)
del sys.modules["fake_module"]

# from-imports: CPython's messages, with the module's name and path.
try:
    from importable.helper_mod import missing
except ImportError as e:
    print(str(e).split(" (")[0], e.name, e.path.split("programs/")[-1])
try:
    import importable.circular.first
except ImportError as e:
    print(str(e).split("(most")[0], e.name)
fake = type(sys)("fake")
del fake.__name__
try:
    from_fake = __import__("importable.helper_mod")
    exec("from fake import thing", {"fake": fake, "__name__": "x"})
except ImportError as e:
    print(type(e).__name__, e.name)
sys.modules["sys.fakechild"] = "a submodule found in sys.modules"
from sys import fakechild
print(fakechild)
