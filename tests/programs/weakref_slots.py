import _weakref, gc

class Plain:
    pass
class Slots:
    __slots__ = ("a",)
class SlotsWeak:
    __slots__ = ("a", "__weakref__")
class Child(Slots):
    pass
class IntSub(int):
    pass
class StrSub(str):
    pass
class TupleSub(tuple):
    pass
class ListSub(list):
    pass
class ExcSub(Exception):
    pass

for cls in [Plain, Slots, SlotsWeak, Child, IntSub, StrSub, TupleSub, ListSub, ExcSub]:
    try:
        obj = cls()
        r = _weakref.ref(obj)
        print(cls.__name__, "weakly referenced", r() is obj)
    except TypeError as e:
        print(cls.__name__, e)

print("__weakref__" in Plain.__dict__, "__weakref__" in Slots.__dict__, "__weakref__" in SlotsWeak.__dict__)
p = Plain()
print(p.__weakref__)
r = _weakref.ref(p)
print(p.__weakref__ is r)
print(repr(Plain.__dict__["__weakref__"]))
try:
    p.__weakref__ = 1
except AttributeError as e:
    print("AttributeError", e)

for slots in [("__weakref__", "__weakref__"), ("__weakref__",)]:
    try:
        class Again(SlotsWeak):
            __slots__ = slots
        print("ok", slots)
    except TypeError as e:
        print(e)
try:
    class IntWeak(int):
        __slots__ = ("__weakref__",)
except TypeError as e:
    print(e)

s = SlotsWeak()
s.a = s
w = _weakref.ref(s)
del s
print(w() is not None)
gc.collect()
print(w())

class Node:
    __slots__ = ("next", "__weakref__", "name")
    def __init__(self, name):
        self.name = name
        self.next = None
n1, n2 = Node("n1"), Node("n2")
n1.next, n2.next = n2, n1
w1 = _weakref.ref(n1, lambda w: print("n1 gone"))
del n1, n2
print("collected:", gc.collect())
print(w1())
