# attributes of builtin exceptions
s = StopIteration()
print(s.value, StopIteration(5).value, StopIteration(1, 2).value)
print(SystemExit().code, SystemExit(2).code, SystemExit("msg").code, SystemExit(1, 2).code)
s = StopIteration(7)
s.value = 8
print(s.value, s.args)
n = NameError("name 'x' is not defined", name="x")
print(n.name, n.args, NameError().name)
a = AttributeError("no attr", name="attr", obj=42)
print(a.name, a.obj, a.args, AttributeError().name, AttributeError().obj)
i = ImportError("cannot import", name="mod", path="/p/mod.py")
print(i.msg, i.name, i.path, i.args, str(i), repr(i))
print(ImportError().msg, ImportError("a", "b").msg, str(ImportError("a", "b")))
m = ModuleNotFoundError("No module named 'q'", name="q")
print(m.name, m.msg, isinstance(m, ImportError))
for f in [lambda: ImportError("a", foo=1), lambda: AttributeError(x=1),
          lambda: NameError(name=1, other=2), lambda: ValueError(x=1),
          lambda: ModuleNotFoundError(bad=3), lambda: StopIteration(value=3)]:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
