# object.__reduce_ex__, __reduce__ and __getstate__, directly and through copy.
import copy
import copyreg


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


class Plain:
    pass


p = Plain()
show("empty getstate", p.__getstate__)
p.x = 1
p.y = [1, 2]
show("getstate", p.__getstate__)
r = p.__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1] == (Plain,), r[2], r[3], r[4])
r = p.__reduce_ex__(4)
print(len(r), r[0].__name__, r[2])
r = p.__reduce_ex__(0)
print(r[0] is copyreg._reconstructor, r[1] == (Plain, object, None), r[2])
r = p.__reduce__()
print(r[0] is copyreg._reconstructor, r[2])
r = p.__reduce_ex__(1)
print(r[0] is copyreg._reconstructor, r[2])

q = copy.copy(p)
print(type(q).__name__, q.__dict__, q.y is p.y)
d = copy.deepcopy(p)
print(d.__dict__, d.y is p.y, d.y == p.y)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


s = Slotted()
show("slots getstate", s.__getstate__)
print(Slotted.__slotnames__)
s2 = copy.copy(s)
print(s2.a, hasattr(s2, "b"))
show("slots proto 0", lambda: s.__reduce_ex__(0))


class Both:
    __slots__ = ("a", "__dict__")


b = Both()
b.a = 5
b.z = 6
show("slots and dict", b.__getstate__)
b2 = copy.deepcopy(b)
print(b2.a, b2.z)


class WithArgs:
    def __new__(cls, v):
        o = super().__new__(cls)
        o.v = v
        return o

    def __getnewargs__(self):
        return (self.v,)


w = WithArgs(3)
r = w.__reduce_ex__(2)
print(r[1][1:], r[2])
print(copy.copy(w).v, copy.deepcopy(w).v)


class WithKwargs:
    def __new__(cls, *, k):
        o = super().__new__(cls)
        o.k = k
        return o

    def __getnewargs_ex__(self):
        return ((), {"k": self.k})


wk = WithKwargs(k=9)
r = wk.__reduce_ex__(4)
print(r[0] is copyreg.__newobj_ex__, r[1][1:], r[2])
print(copy.copy(wk).k)


class BadNewArgs:
    def __init__(self, f):
        self.f = f

    def __getnewargs_ex__(self):
        return self.f()


for f in [lambda: [], lambda: (1,), lambda: ([], {}), lambda: ((), [])]:
    show("bad getnewargs_ex", lambda: BadNewArgs(f).__reduce_ex__(2))


class BadGetnewargs:
    def __getnewargs__(self):
        return [1]


show("bad getnewargs", lambda: BadGetnewargs().__reduce_ex__(2))


class CustomState:
    def __init__(self):
        self.a = 1

    def __getstate__(self):
        return {"a": self.a * 10}

    def __setstate__(self, state):
        self.__dict__.update(state)


print(copy.copy(CustomState()).a)
print(CustomState().__reduce_ex__(2)[2])


class OwnReduce:
    def __reduce__(self):
        return (OwnReduce, ())


print(OwnReduce().__reduce_ex__(2) == (OwnReduce, ()))
print(OwnReduce().__reduce_ex__(0) == (OwnReduce, ()))


class MyList(list):
    pass


ml = MyList([1, 2])
ml.tag = "t"
r = ml.__reduce_ex__(2)
print(r[1] == (MyList,), r[2], list(r[3]), r[4])
ml2 = copy.copy(ml)
print(type(ml2).__name__, ml2, ml2.tag)


class MyDict(dict):
    pass


md = MyDict(a=1)
r = md.__reduce_ex__(2)
print(r[2], r[3], list(r[4]))
print(copy.deepcopy(md), type(copy.deepcopy(md)).__name__)


class MyInt(int):
    pass


mi = MyInt(7)
mi.extra = 1
r = mi.__reduce_ex__(2)
print(r[1] == (MyInt, 7), r[2])
c = copy.copy(mi)
print(c, type(c).__name__, c.extra)

show("object()", lambda: object().__reduce_ex__(2)[1:])
show("object() proto 0", lambda: object().__reduce_ex__(0)[1:])
show("no args", lambda: object().__reduce_ex__())
show("str arg", lambda: object().__reduce_ex__("a"))
show("huge", lambda: object().__reduce_ex__(2**100))
show("reduce arg", lambda: object().__reduce__(1))
show("getstate arg", lambda: object().__getstate__(1))
show("module", lambda: copy.copy(copy))
show("unbound", lambda: object.__reduce_ex__(p, 2)[2])
print(object.__getstate__(p))
print(type(object.__sizeof__(p)).__name__)
print(object.__reduce_ex__.__qualname__, object.__reduce__.__name__)
print("__getstate__" in dir(object), "__reduce_ex__" in object.__dict__)


class BadSlotnames:
    __slots__ = ("a",)


BadSlotnames.__slotnames__ = "a"
show("bad slotnames", lambda: BadSlotnames().__reduce_ex__(2))
