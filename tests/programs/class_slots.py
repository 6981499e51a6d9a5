class P:
    __slots__ = ("y", "x")
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = P(1, 2)
print(p.x, p.y, P.x, P.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print(e)
del p.x
try:
    p.x
except AttributeError as e:
    print(e)
try:
    del p.x
except AttributeError as e:
    print(e)
print(hasattr(p, "__dict__"))

class Q(P):
    pass

q = Q(5, 6)
q.z = 7
print(q.x, q.z, q.__dict__)

class R:
    __slots__ = "only"

r = R()
r.only = [1]
print(r.only)

class Private:
    __slots__ = ("__secret",)
    def __init__(self):
        self.__secret = 42
    def get(self):
        return self.__secret

print(Private().get(), Private.__dict__.keys() if False else sorted(k for k in ["_Private__secret"]))

class WithDict:
    __slots__ = ("a", "__dict__")

w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, w.__dict__)

for bad in [(1,), ("1x",), ("a", "__dict__", "__dict__")]:
    try:
        type("Bad", (), {"__slots__": bad})
    except TypeError as e:
        print("TypeError", e)

try:
    class C:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError", e)
