def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count(5)))
g = count(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", repr(e.value))

def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"

e = echo()
print(e.send(None), e.send(1), e.send("x"))
try:
    echo().send(5)
except TypeError as err:
    print(err)

def delegating():
    r = yield from count(3)
    print("inner returned", r)
    yield "after"

print(list(delegating()))

def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

g = with_finally()
print(next(g))
g.close()
print("closed")

def catcher():
    while True:
        try:
            yield
        except ValueError as err:
            print("caught", err)

c = catcher()
next(c)
c.throw(ValueError("boom"))
c.throw(ValueError, "again")

def bad():
    raise StopIteration("x")
    yield

try:
    list(bad())
except RuntimeError as err:
    print(type(err).__name__, err, type(err.__cause__).__name__)

squares = (x * x for x in range(6) if x % 2)
print(squares.__class__.__name__, list(squares), sum(x for x in range(10)))
print({k: v for k, v in [("a", 0), ("b", 1)]}, {x % 3 for x in range(10)})

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

g = fib()
for i in range(10):
    f = next(g)
print(i, f)

def outer():
    yield from inner()

def inner():
    try:
        yield 1
    except KeyError:
        yield "inner caught"

o = outer()
print(next(o), o.throw(KeyError("k")))
