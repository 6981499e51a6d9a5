from _weakref import proxy, ref, ProxyType, CallableProxyType, getweakrefcount, getweakrefs
import operator

class Vec:
    def __init__(self, x):
        self.x = x
    def __add__(self, other):
        return Vec(self.x + (other.x if isinstance(other, Vec) else other))
    def __radd__(self, other):
        return Vec(other + self.x)
    def __mul__(self, k):
        return Vec(self.x * k)
    def __neg__(self):
        return Vec(-self.x)
    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x
    def __lt__(self, other):
        return self.x < other.x
    def __len__(self):
        return self.x
    def __getitem__(self, i):
        return i * 10
    def __setitem__(self, i, v):
        self.last = (i, v)
    def __delitem__(self, i):
        self.last = ("del", i)
    def __contains__(self, v):
        return v == self.x
    def __iter__(self):
        return iter(range(self.x))
    def __bool__(self):
        return self.x != 0
    def __str__(self):
        return "Vec(%d)" % self.x
    def __int__(self):
        return self.x
    def __float__(self):
        return float(self.x)
    def __index__(self):
        return self.x
    def __hash__(self):
        return self.x
    def method(self, y):
        return self.x + y

v = Vec(3)
p = proxy(v)
print(type(p).__name__, type(p) is ProxyType, p.x, p.method(4))
p.y = 5
print(v.y, hasattr(p, "y"))
del p.y
print(hasattr(v, "y"))
print((p + 1).x, (1 + p).x, (p * 2).x, (-p).x, (p + p).x)
print(p == Vec(3), p == v, p != Vec(4), p < Vec(5), Vec(1) < p)
print(len(p), p[4], 3 in p, 4 in p, list(p), bool(p), str(p))
p[1] = "one"
print(v.last)
del p[2]
print(v.last)
print(int(p), float(p), operator.index(p), [10, 20, 30, 40][p])
try:
    hash(p)
except TypeError as e:
    print(e)
print(proxy(v) is p, getweakrefcount(v))
r = ref(v)
print(getweakrefs(v) == [r, p])
pc = proxy(v, lambda w: print("proxy callback", type(w).__name__))
print(pc is not p, getweakrefcount(v))
print(repr(p).startswith("<weakproxy at 0x"), "; to 'Vec' at 0x" in repr(p))

def func(a, b=2):
    return a * b
cp = proxy(func)
print(type(cp).__name__, type(cp) is CallableProxyType, cp(3), cp(3, b=5), cp.__name__)

class Counter:
    def __init__(self):
        self.n = 0
    def __iadd__(self, k):
        self.n += k
        return self
c = Counter()
pcount = proxy(c)
pcount += 5
print(c.n, type(pcount).__name__)

del v
for op in [lambda: p.x, lambda: p + 1, lambda: len(p), lambda: str(p), lambda: p[0],
           lambda: bool(p), lambda: p == 1]:
    try:
        op()
    except ReferenceError as e:
        print(type(e).__name__, e)
print(repr(p).startswith("<weakproxy at 0x"), "to 'NoneType'" in repr(p))
del func
try:
    cp(1)
except ReferenceError as e:
    print(e)

for bad in [1, "s", []]:
    try:
        proxy(bad)
    except TypeError as e:
        print(e)
try:
    proxy()
except TypeError as e:
    print(e)

class It:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
it = It()
pit = proxy(it)
print(next(pit), list(pit))
nonit = Vec(2)
try:
    next(proxy(nonit))
except TypeError as e:
    print(e)
