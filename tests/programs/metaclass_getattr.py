# A metaclass with __getattr__, class namespaces of a metaclass's
# classes, and a __prepare__ namespace whose __setitem__ is overridden.
class M(type):
    def __getattr__(cls, name):
        return "missing " + name
class E(metaclass=M):
    x = 1
print(E.x, E.nothing, "x" in E.__dict__, E.__dict__["x"])
E.y = 5
print(E.y, E.__dict__["y"])
class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v)
class N(type):
    @classmethod
    def __prepare__(metacls, name, bases, **kwds):
        return D()
    def __new__(metacls, name, bases, classdict, **kwds):
        classdict["_member_map_"] = {}
        cls = super().__new__(metacls, name, bases, classdict, **kwds)
        print("_member_map_" in cls.__dict__, type(classdict).__name__)
        return cls
    def __getattr__(cls, name):
        raise AttributeError(name)
class F(metaclass=N):
    z = 3
print(F._member_map_, F.z)
try:
    F.absent
except AttributeError as e:
    print("AttributeError", e)
print(hasattr(E, "__dict__"), type(E).__dict__["__getattr__"].__name__)
