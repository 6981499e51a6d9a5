# CALL specialized for Python functions called with positional arguments:
# defaults, methods, changed __defaults__ and __code__, wrong argument
# counts after specialization, recursion depth.
def add(a, b):
    return a + b

def with_defaults(a, b=2, c=3):
    return (a, b, c)

for i in range(5):
    print(add(i, 1), with_defaults(i), with_defaults(i, 5), with_defaults(i, 5, 6), end=" ")
print()

# One call site sees several callables.
def one(x):
    return ("one", x)

def two(x, y=0):
    return ("two", x, y)

class Callable:
    def __call__(self, x):
        return ("instance", x)

for f in [one, one, two, one, Callable(), len, two, one]:
    print(f("ab"), end=" ")
print()

# __defaults__ changed after the call site is specialized.
def d(a, b=1):
    return a, b

for _ in range(3):
    print(d(0), end=" ")
d.__defaults__ = (10,)
print(d(0), end=" ")
d.__defaults__ = None
try:
    d(0)
except TypeError as e:
    print("TypeError:", e)

# Methods: bound and through LOAD_METHOD.
class Point:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

p = Point(1)
for i in range(4):
    p = p.moved(i)
    m = p.moved
    print(p, m(1, 1), end=" ")
print()

# Wrong counts at a specialized site.
def three(a, b, c):
    return a + b + c

def call_with(*args):
    return three(*args)

calls = [(1, 2, 3)] * 3 + [(1, 2), (1, 2, 3, 4)]
for args in calls:
    try:
        print(call_with(*args), end=" ")
    except TypeError as e:
        print("TypeError:", e)

def site(f, n):
    if n == 1:
        return f(1)
    return f(1, 2)

for f, n in [(one, 1), (one, 1), (one, 1), (one, 2), (two, 2), (two, 1), (add, 1)]:
    try:
        print(site(f, n), end=" ")
    except TypeError as e:
        print("TypeError:", e)

# Keyword arguments at the same site as positional ones.
def kw(a, b=5):
    return a * b

for _ in range(3):
    print(kw(2), kw(2, b=3), kw(b=4, a=1), end=" ")
print()

# Deep recursion through a specialized call.
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)

print(down(500))
try:
    down(10**6)
except RecursionError as e:
    print("RecursionError:", e)
print(down(100))

# Generators and closures called through the same path.
def gen(n):
    for i in range(n):
        yield i

def make_adder(k):
    def adder(x):
        return x + k
    return adder

print([list(gen(3)) for _ in range(2)], [make_adder(k)(1) for k in range(4)])
