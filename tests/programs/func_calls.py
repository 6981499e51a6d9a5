def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
print(f(*[1, 2], **{"c": 3, "z": 0}))

def check(call):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

def g(a, b, /, c, *, d):
    return a, b, c, d

print(g(1, 2, 3, d=4), g(1, 2, c=3, d=4))
check(lambda: g(1, 2))
check(lambda: g(1, 2, 3))
check(lambda: g(a=1, b=2, c=3, d=4))
check(lambda: g(1, 2, 3, 4, d=5))
check(lambda: f())
check(lambda: f(1))
check(lambda: f(1, c=2, a=3))
check(lambda: f(1, **{1: 2}))

def h(x, y, z):
    return x + y + z

check(lambda: h(1))
check(lambda: h(1, 2, 3, 4))
check(lambda: h(1, 2, z=3, w=4))
check(lambda: h(1, 2, 3, x=1))

def k(a, b=1):
    pass

check(lambda: k(1, 2, 3))
check(lambda: k())

def kwonly(*, a, b, c):
    pass

check(lambda: kwonly(a=1))
check(lambda: kwonly(1))

class A:
    def m(self, x):
        return x

check(lambda: A().m())
check(lambda: A().m(1, 2))
check(lambda: A.m(1))

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc

c = counter()
print(c(), c(), c())
print(c.__closure__ if False else "closure ok", c.__name__, c.__qualname__)

def outer():
    x = 1
    def middle():
        def inner():
            return x
        return inner
    return middle()()

print(outer())

adders = [lambda y, i=i: i + y for i in range(3)]
print([a(10) for a in adders])

def decorator(fn):
    def wrapper(*args, **kwargs):
        return ("wrapped", fn(*args, **kwargs))
    return wrapper

@decorator
def greet(name, punct="!"):
    return "hi " + name + punct

print(greet("bob"), greet("al", punct="?"))

def defaults(a, b=[]):
    b.append(a)
    return b

print(defaults(1), defaults(2))
print(f.__name__, f.__defaults__, (lambda: 0).__name__)

def unbound():
    print(x)
    x = 1

try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)

def free():
    def inner():
        return y
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    y = 2

free()
print((lambda *a, **k: (a, k))(1, 2, x=3))
g2 = globals()
print("f" in g2, type(g2).__name__)
def loc(a, b):
    c = a + b
    return sorted(locals().items())
print(loc(1, 2))
