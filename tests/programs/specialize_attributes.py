# Attribute lookups cached by type version: every change to a class or to
# one of its bases after the lookups are cached must be seen.
class Base:
    x = "base x"

    def method(self):
        return "base method"

class Derived(Base):
    pass

class Leaf(Derived):
    def __init__(self):
        self.own = "own"

def read(o):
    return o.x, o.method(), o.own

leaf = Leaf()
for _ in range(3):
    print(read(leaf), end=" ")
print()

# A base's attribute changed, added to the middle class, deleted.
Base.x = "base x 2"
print(read(leaf))
Derived.x = "derived x"
print(read(leaf))
del Derived.x
print(read(leaf))
Base.method = lambda self: "replaced method"
print(read(leaf))
del Base.method
try:
    read(leaf)
except AttributeError as e:
    print("AttributeError:", e)
Derived.method = lambda self: "derived method"
print(read(leaf))

# The instance shadows the class attribute, then stops.
leaf.x = "instance x"
print(read(leaf))
del leaf.x
print(read(leaf))

# A data descriptor added to the class after the instance attribute is cached.
class D:
    def __init__(self):
        self.value = 1

def get_value(o):
    return o.value

d = D()
print([get_value(d) for _ in range(3)])
D.value = property(lambda self: "property value")
print([get_value(d) for _ in range(3)])
del D.value
print([get_value(d) for _ in range(3)])

# Special methods replaced after use.
class N:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return N(self.v + other.v)

    def __repr__(self):
        return f"N({self.v})"

a, b = N(1), N(2)
print([a + b for _ in range(3)])
N.__add__ = lambda self, other: "new add"
print(a + b)
N.__repr__ = lambda self: "new repr"
print(repr(a), str(a), f"{a}")
del N.__add__
try:
    a + b
except TypeError as e:
    print("TypeError:", e)

# __getattr__ added later, __getattribute__ added later.
class G:
    pass

g = G()
def missing(o):
    try:
        return o.nothing
    except AttributeError as e:
        return f"AttributeError: {e}"

print([missing(g) for _ in range(3)])
G.__getattr__ = lambda self, name: f"getattr {name}"
print([missing(g) for _ in range(3)])
G.__getattribute__ = lambda self, name: f"getattribute {name}"
print([missing(g) for _ in range(2)], g.anything)

# Class attributes changed in a loop (many version changes).
class Counter:
    count = 0

def bump():
    Counter.count += 1
    return Counter.count

print(sum(bump() for _ in range(1000)), Counter.count)

# Slots and instance attributes read at one site on objects of many classes.
class S1:
    __slots__ = ("a",)
    def __init__(self):
        self.a = "slot a"

class S2:
    def __init__(self):
        self.a = "dict a"

class S3:
    a = "class a"

class S4:
    @property
    def a(self):
        return "property a"

def get_a(o):
    return o.a

objs = [S1(), S2(), S3(), S4()] * 3
print([get_a(o) for o in objs])
s1 = S1()
del s1.a
try:
    get_a(s1)
except AttributeError as e:
    print("AttributeError:", e)

# Modules' attributes.
import math
def pi():
    return math.pi
print([pi() for _ in range(3)])
math.pi = 3
print(pi())
del math.pi
try:
    pi()
except AttributeError as e:
    print("AttributeError:", e)
math.pi = 3.141592653589793

# Stores: an instance attribute store site on a class that later gets a
# data descriptor or a __setattr__.
class W:
    pass

def store(o, v):
    o.field = v
    return o.__dict__.get("field", "not in dict")

w = W()
print([store(w, i) for i in range(3)])
log = []
W.field = property(lambda self: "prop", lambda self, v: log.append(v))
print([store(w, i) for i in range(3)], log, w.field)
del W.field
W.__setattr__ = lambda self, name, v: log.append((name, v))
print([store(w, i) for i in range(3)], log)
del W.__setattr__
print([store(w, i) for i in range(3)])

# Methods looked up at a site that later sees an instance attribute.
class M:
    def m(self):
        return "method"

def call_m(o):
    return o.m()

mo = M()
print([call_m(mo) for _ in range(3)])
mo.m = lambda: "instance function"
print([call_m(mo) for _ in range(3)])
del mo.m
print([call_m(mo) for _ in range(3)])

# Class attributes read through the class and through a subclass.
class K:
    k = 1

class K2(K):
    pass

def read_k(c):
    return c.k

print([read_k(K2) for _ in range(3)])
K.k = 2
print(read_k(K2), read_k(K))

# Instance attributes at different places in different instances' dicts.
class P:
    def __init__(self, order):
        for name in order:
            setattr(self, name, name.upper())

def read_b(o):
    return o.b

ps = [P("ab"), P("ba"), P("cab"), P("b")]
print([read_b(p) for p in ps * 2])
del ps[0].b
try:
    read_b(ps[0])
except AttributeError as e:
    print("AttributeError:", e)

# Stores into fresh instances, a replaced __dict__, and a subclass.
class Q:
    def __init__(self, v):
        self.v = v
        self.w = v * 2

qs = [Q(i) for i in range(5)]
print([(q.v, q.w) for q in qs])
q = qs[0]
q.__dict__ = {"other": 1}
def set_v(o, v):
    o.v = v
for i in range(3):
    set_v(q, i)
print(q.__dict__)

class Q2(Q):
    pass

for o in [Q(1), Q2(2), Q(3), Q2(4)]:
    set_v(o, "set")
    print(type(o).__name__, o.v, o.w, end=" ")
print()

# Module functions called through LOAD_METHOD, then replaced.
import math
def root(x):
    return math.sqrt(x)
print([root(16.0) for _ in range(3)])
real_sqrt = math.sqrt
math.sqrt = lambda x: "fake sqrt"
print(root(16.0))
del math.sqrt
try:
    root(4.0)
except AttributeError as e:
    print("AttributeError:", e)
math.sqrt = real_sqrt
print(root(9.0))

# A method looked up on instances of a class without an instance dict.
class NoDict:
    __slots__ = ()
    def m(self):
        return "no dict method"

def call_nd(o):
    return o.m()

print([call_nd(NoDict()) for _ in range(3)])
NoDict.m = lambda self: "replaced no dict method"
print(call_nd(NoDict()))

# A builtin method descriptor at a LOAD_METHOD site that sees other types.
def upper(o):
    return o.upper()

class Upper:
    def upper(self):
        return "Upper.upper"

print([upper(x) for x in ["a", "b", Upper(), "c", b"d"]])

# Sites that see instances of several classes (polymorphic caches).
class Shape:
    def __init__(self, name):
        self.name = name
        self.sides = 0

    def describe(self):
        return f"{self.name}:{self.sides}:{self.kind()}"

    def kind(self):
        return "shape"

class Tri(Shape):
    def kind(self):
        return "tri"

class Quad(Shape):
    pass

class Penta(Shape):
    def kind(self):
        return "penta"

class Hexa(Shape):
    pass

class Slotted(Shape):
    __slots__ = ("extra",)

class Prop(Shape):
    @property
    def name(self):
        return "property name"

    @name.setter
    def name(self, value):
        self.__dict__["real_name"] = value

shapes = [Shape("s"), Tri("t"), Quad("q"), Penta("p"), Hexa("h"), Slotted("x"), Prop("y")]
def names(objs):
    return [o.name for o in objs]

def described(objs):
    return [o.describe() for o in objs]

def kinds(objs):
    return [o.kind() for o in objs]

for _ in range(3):
    print(names(shapes), described(shapes), kinds(shapes))

def set_sides(objs, n):
    for o in objs:
        o.sides = n
    return [o.sides for o in objs]

print(set_sides(shapes, 3), set_sides(shapes[::-1], 4))

# A class in a polymorphic cache changes: a data descriptor, then a
# method override, then both go.
Quad.name = property(lambda self: "quad property")
print(names(shapes))
Quad.kind = lambda self: "quad kind"
print(kinds(shapes), described(shapes))
del Quad.name
del Quad.kind
print(names(shapes), kinds(shapes))

# An instance attribute hides a method at a polymorphic method site.
shapes[2].kind = lambda: "instance kind"
print(kinds(shapes))
del shapes[2].kind
print(kinds(shapes))
