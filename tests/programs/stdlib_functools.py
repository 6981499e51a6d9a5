# functools: partial, reduce, wraps, lru_cache, cache, cached_property,
# total_ordering, singledispatch, cmp_to_key, partialmethod.
import functools
from functools import (partial, reduce, wraps, lru_cache, cache, cached_property,
                       total_ordering, singledispatch, singledispatchmethod, cmp_to_key,
                       partialmethod, update_wrapper)

p = partial(int, base=2)
print(p("101"), p.func, p.args, p.keywords, repr(partial(max, 1, key=abs))[:20])
p2 = partial(p, "11")
print(p2(), p2.func is int, p2.args, p2.keywords)
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 10))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError", e)


def deco(f):
    @wraps(f)
    def inner(*a, **k):
        """inner doc"""
        return f(*a, **k)

    return inner


@deco
def greet(name: str) -> str:
    """Say hello."""
    return "hi " + name


print(greet("x"), greet.__name__, greet.__doc__, greet.__wrapped__.__name__, greet.__annotations__)

calls = []


@lru_cache(maxsize=2)
def sq(n):
    calls.append(n)
    return n * n


print(sq(2), sq(2), sq(3), sq(4), sq(2), calls, sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq.__wrapped__(5))


@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), fib.cache_info().hits > 0)


@lru_cache
def typed(x):
    return type(x).__name__


print(typed(1), typed(1.0), lru_cache(typed=True)(lambda x: x).cache_parameters())


class Circle:
    def __init__(self, r):
        self.r = r

    @cached_property
    def area(self):
        print("computing")
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, "area" in c.__dict__)
del c.area
print(c.area)


@total_ordering
class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __lt__(self, o):
        return self.v < o.v


print(V(1) <= V(2), V(3) > V(2), V(2) >= V(2), sorted([V(3), V(1)], key=lambda x: x.v)[0].v)


@singledispatch
def show(x):
    return "object"


@show.register
def _(x: int):
    return "int"


@show.register(list)
def _(x):
    return "list"


print(show(1), show([]), show("s"), show(True), show.dispatch(float).__name__, sorted(k.__name__ for k in show.registry))


class Fmt:
    @singledispatchmethod
    def f(self, x):
        return "any"

    @f.register
    def _(self, x: str):
        return "str"


print(Fmt().f(1), Fmt().f("a"))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))


class Cell:
    def __init__(self):
        self.v = None

    def set(self, v):
        self.v = v

    set_one = partialmethod(set, 1)


cl = Cell()
cl.set_one()
print(cl.v)


def wrapper():
    pass


update_wrapper(wrapper, greet)
print(wrapper.__name__, wrapper.__doc__, wrapper.__wrapped__ is greet)
print(functools.WRAPPER_ASSIGNMENTS)
