# Function attributes: read, assigned, deleted, and what may be assigned.
def outer():
    x = 1
    def inner(a, b=2, *, c=3) -> int:
        "inner's doc"
        return x + a
    return inner

f = outer()
print(f.__name__, f.__qualname__, f.__doc__, f.__module__)
print(f.__defaults__, f.__kwdefaults__, f.__annotations__)
print(type(f.__closure__).__name__, len(f.__closure__), f.__closure__[0].cell_contents)
print(outer.__closure__, f.__globals__ is globals(), f.__builtins__ is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else f.__builtins__ is __builtins__)
print(f.__code__.co_name, f.__dict__)

f.attr = 5
f.__dict__["other"] = 6
print(f.attr, f.other, sorted(f.__dict__))
del f.attr
print(hasattr(f, "attr"))

f.__name__ = "renamed"
f.__qualname__ = "Q.renamed"
f.__doc__ = None
f.__module__ = "mod"
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, repr(f).split(" at ")[0])
f.__defaults__ = (10,)
print(f(1, c=0), f.__defaults__)
del f.__defaults__
print(f.__defaults__)
f.__kwdefaults__ = {"c": 7}
print(f.__kwdefaults__)
f.__annotations__ = {"a": int}
print(f.__annotations__)
del f.__annotations__
print(f.__annotations__)

def g():
    pass
print(g.__annotations__, g.__defaults__, g.__kwdefaults__, g.__closure__)
g.__annotations__["x"] = 1
print(g.__annotations__)

for name, value in [
    ("__name__", 3),
    ("__qualname__", None),
    ("__defaults__", [1]),
    ("__kwdefaults__", (1,)),
    ("__annotations__", 1),
    ("__globals__", {}),
    ("__closure__", ()),
    ("__builtins__", {}),
]:
    try:
        setattr(g, name, value)
        print(name, "set")
    except (TypeError, AttributeError) as e:
        print(name, type(e).__name__, e)
for name in ["__name__", "__globals__"]:
    try:
        delattr(g, name)
        print(name, "deleted")
    except (TypeError, AttributeError) as e:
        print(name, type(e).__name__, e)

def wrapper():
    return g()
for name in ("__module__", "__name__", "__qualname__", "__doc__", "__annotations__"):
    setattr(wrapper, name, getattr(g, name))
wrapper.__dict__.update(g.__dict__)
wrapper.__wrapped__ = g
print(wrapper.__name__, wrapper.__wrapped__ is g, wrapper.__annotations__ is g.__annotations__)
