# A metaclass's __getattr__ and __getattribute__: attributes of the class
# are looked up by type's own lookup first (the class's MRO, then the
# metaclass), the hook only called for what it does not find.
class Meta(type):
    def __getattr__(cls, name):
        return f"Meta.__getattr__({name})"

class C(metaclass=Meta):
    x = 1

    def method(self):
        return "method"

print(C.x, C.missing, C.method.__name__, C().method())
print(C.mro(), C.__name__, C.__mro__)

class Meta2(type):
    def __new__(metacls, name, bases, ns):
        ns["_members"] = {"a": 1}
        cls = super().__new__(metacls, name, bases, ns)
        delattr(cls, "_boundary")
        return cls

    def __getattr__(cls, name):
        try:
            return cls._members[name]
        except KeyError:
            raise AttributeError(name) from None

    def __delattr__(cls, name):
        if name in cls._members:
            raise AttributeError(f"cannot delete member {name!r}")
        super().__delattr__(name)

class E(metaclass=Meta2):
    _boundary = 1

print(E.a, E._members, hasattr(E, "_boundary"))
try:
    E.b
except AttributeError as e:
    print("AttributeError:", e)
try:
    del E.a
except AttributeError as e:
    print("AttributeError:", e)

class Meta3(type):
    def __getattribute__(cls, name):
        if name == "special":
            return "from __getattribute__"
        return super().__getattribute__(name)

    def __getattr__(cls, name):
        return f"fallback {name}"

class F(metaclass=Meta3):
    y = 2

print(F.special, F.y, F.nothing)

# Instances: object's __getattribute__ with a class __getattr__.
class G:
    z = 3

    def __getattr__(self, name):
        return f"G.__getattr__({name})"

g = G()
g.w = 4
print(g.z, g.w, g.missing)
