# Instance attributes kept in the instance until __dict__ is asked for:
# order, vars(), __dict__ assignment, deletion, many attributes,
# inheritance, __slots__ next to __dict__, weakrefs, __del__, gc.
import gc
import weakref


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


p = Point(3, 4)
print(p.x, p.y, p.norm())
print(vars(p))
p.z = 5
print(p.__dict__)
q = Point(1, 2)
q.y = 20
print(q.__dict__, q.x)

# Order: set in another order than the first instance did.
class Late:
    def __init__(self, first):
        if first:
            self.a = 1
            self.b = 2
        else:
            self.b = 2
            self.a = 1


print(vars(Late(True)), vars(Late(False)))
r = Late(True)
del r.a
print(vars(r))
r.a = 3
print(vars(r), r.a)
s = Late(True)
del s.b
s.b = 9
print(vars(s))
t = Late(True)


def attempt(action):
    try:
        action()
    except AttributeError as e:
        print("AttributeError", e)


def delete_c():
    del t.c


def delete_a():
    del t.a


attempt(delete_c)
attempt(lambda: t.c)
delete_a()
attempt(delete_a)
attempt(lambda: t.a)

# More attributes than the class expects.
class Few:
    def __init__(self):
        self.a = 0


f = Few()
for i in range(40):
    setattr(f, "attr%d" % i, i)
print(len(vars(f)), f.attr39, list(vars(f))[:4])
g = Few()
g.extra = 1
print(vars(g))

# The dict stays live once made.
h = Point(1, 1)
d = h.__dict__
h.w = 7
print(d, d is h.__dict__)
d["x"] = 100
print(h.x)
del h.y
print(d)

# __dict__ assignment.
k = Point(5, 6)
k.__dict__ = {"m": 1}
print(vars(k), hasattr(k, "x"))
try:
    k.__dict__ = 5
except TypeError as e:
    print("TypeError", e)

# Subclasses add attributes of their own.
class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


p3 = Point3(1, 2, 3)
print(vars(p3), p3.norm(), p3.z)

class Slotted(Point):
    __slots__ = ("s",)

    def __init__(self):
        super().__init__(0, 0)
        self.s = "slot"
        self.t = "dict"


sl = Slotted()
print(sl.s, sl.t, vars(sl))

# Attribute names that are str subclasses, or not interned.
class Name(str):
    pass


n = Point(1, 2)
setattr(n, Name("x"), 10)
setattr(n, "".join(["dy", "n"]), 11)
print(n.x, getattr(n, "dyn"), vars(n))

# A class attribute is shadowed by an instance attribute and back.
class Shadow:
    value = "class"

    def set(self):
        self.value = "instance"


sh = Shadow()
print(sh.value)
sh.set()
print(sh.value)
del sh.value
print(sh.value)

# Methods shadowed by instance attributes.
class M:
    def __init__(self):
        self.a = 1

    def method(self):
        return "method"


m = M()
print(m.method())
m.method = lambda: "attribute"
print(m.method())
del m.method
print(m.method())

# Weak references, __del__, cycles through instance attributes.
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


a = Node("a")
b = Node("b")
a.other = b
b.other = a
w = weakref.ref(a)
del a, b
gc.collect()
print(w())
c = Node("c")
del c
print(gc.get_referents(Point(8, 9))[:2])
print(dir(Point(1, 2))[-3:])
print(sorted(Point(1, 2).__dict__))

# The specialized loads and stores, run often enough to be quickened, on
# instances of several classes, some with their dict made on the way.
class Base:
    def __init__(self, v):
        self.v = v
        self.w = -v


class Sub1(Base):
    pass


class Sub2(Base):
    def __init__(self, v):
        self.pre = 0
        super().__init__(v)


def touch(o, i):
    o.v = o.v + i
    return o.v + o.w


objs = [Base(1), Sub1(2), Sub2(3), Base(4)]
total = 0
for i in range(300):
    o = objs[i % 4]
    total += touch(o, i)
    if i == 150:
        objs[0].__dict__
        objs[1].__dict__ = {"v": 0, "w": 0}
    if i == 200:
        del objs[3].w
        objs[3].w = 1
print(total, [vars(o) for o in objs])


def read_missing(o):
    try:
        return o.v
    except AttributeError as e:
        return str(e)


items = [Base(i) for i in range(100)]
for i, o in enumerate(items):
    if i % 10 == 0:
        del o.v
print([read_missing(o) for o in items][:12])

# Classes whose instances have different numbers of value words stay
# interchangeable as bases; instances pickle and copy with their
# attributes.
import copy


class Two:
    def __init__(self):
        self.a = 1
        self.b = 2


class Three:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 3


class Child(Two):
    pass


Child.__bases__ = (Three,)
child = Child()
print(vars(child), Child.__mro__[1].__name__)
Child.__bases__ = (Two,)
print(vars(Child()))
reduced = Three().__reduce_ex__(2)
print(reduced[0].__name__, reduced[1][0].__name__, reduced[2])
dup = copy.copy(Point3(4, 5, 6))
print(vars(dup), dup.norm())
deep = copy.deepcopy(Late(False))
print(vars(deep))
