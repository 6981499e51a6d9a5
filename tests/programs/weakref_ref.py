import _weakref, gc
from _weakref import ref, getweakrefcount, getweakrefs, ReferenceType

class C:
    def __init__(self, n):
        self.n = n

c = C(1)
r = ref(c)
print(r() is c, r().n, type(r).__name__, type(r).__module__, ReferenceType is ref)
print(ref(c) is r, getweakrefcount(c), getweakrefs(c) == [r])
print(r.__callback__)
print(repr(r).startswith("<weakref at 0x"), "; to 'C' at 0x" in repr(r))
del c
print(r(), repr(r).endswith("; dead>"))

events = []
d = C(2)
r1 = ref(d, lambda w: events.append(("first", w is r1)))
r2 = ref(d, lambda w: events.append(("second", w is r2)))
r0 = ref(d)
print(getweakrefcount(d), getweakrefs(d) == [r0, r2, r1], r1 is not r2)
print(r1.__callback__ is not None, r1() is d)
del d
print(events, r1(), r2(), r0())

x = C(3)
h = ref(x)
print(hash(h) == hash(x))
del x
print(type(hash(h)).__name__)
y = C(4)
g = ref(y)
del y
try:
    hash(g)
except TypeError as e:
    print("TypeError", e)

a, b = C(5), C(6)
ra, rb, ra2 = ref(a), ref(b), ref(a, lambda w: None)
print(ra == ra2, ra != rb, ra == rb, ra == 1, ra != "x")
del a
print(ra == ra2, ra == ra, ra != ra2)

def f():
    pass
print(ref(f)() is f, ref(len)() is len, ref(int)() is int, ref({1, 2})() is None)
s = frozenset([1])
print(ref(s)() is s)
print(repr(ref(f)).endswith("(f)>"), "to 'function' at" in repr(ref(f)))
print("to 'type' at" in repr(ref(C)), repr(ref(C)).endswith("(C)>"))

for obj in [1, "s", (1,), [1], {}, 1.5, None, b"b", object(), True]:
    try:
        ref(obj)
    except TypeError as e:
        print(e)
for args in [(), (f, None, 1)]:
    try:
        ref(*args)
    except TypeError as e:
        print(e)
try:
    ref(f, callback=None)
except TypeError as e:
    print(e)
try:
    ref(f)(1)
except TypeError as e:
    print(e)

class MyRef(ref):
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag
class Slotted(ref):
    __slots__ = ("key",)
    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
z = C(7)
m = MyRef(z, None, "tagged")
k = Slotted(z, lambda w: print("keyed callback", w.key), "the key")
print(m() is z, m.tag, k.key, isinstance(m, ref), m is not ref(z))
print(getweakrefcount(z))
del z

got = []
class Holder:
    pass
h = Holder()
h.me = h
w = ref(h, lambda wr: got.append("collected"))
del h
print(w() is not None, got)
gc.collect()
print(w(), got)

def cb(w):
    raise ValueError("callback failed")
import sys
sys.unraisablehook = lambda u: print("unraisable:", u.exc_type.__name__, u.exc_value, u.object.__name__)
v = C(8)
wv = ref(v, cb)
del v
print("after failing callback", wv())
