# math's integer functions (gcd, lcm, isqrt, factorial, comb, perm,
# prod), floor/ceil/trunc through __floor__/__ceil__/__trunc__, and the
# arguments math's functions accept.
import math


def show(label, f):
    try:
        r = repr(f())
    except Exception as e:
        print(label, "!!", type(e).__name__, e)
    else:
        print(label, "->", r)


def call(name, *args, **kwargs):
    label = "%s%r" % (name, args) + (" %r" % (kwargs,) if kwargs else "")
    show(label, lambda: getattr(math, name)(*args, **kwargs))


for args in [(), (0,), (-12,), (12, 18), (-12, 18), (0, 0), (0, 5), (2**100, 2**60 * 3), (12, 18, 27), (7, 1, 10**30), (True, 4)]:
    call("gcd", *args)
    call("lcm", *args)
show("math.gcd(2.0)", lambda: math.gcd(2.0))
show("math.gcd(1, 2.0)", lambda: math.gcd(1, 2.0))
show("math.lcm(0, 'a')", lambda: math.lcm(0, 'a'))
show("math.gcd(a=1)", lambda: math.gcd(a=1))
show("math.lcm(a=1)", lambda: math.lcm(a=1))

for n in [0, 1, 2, 3, 4, 15, 16, 17, 2**52 + 1, 2**64 - 1, 2**64, 10**40, 10**41 + 12345, True]:
    call("isqrt", n)
show("math.isqrt(-1)", lambda: math.isqrt(-1))
show("math.isqrt(2.0)", lambda: math.isqrt(2.0))
show("math.isqrt('4')", lambda: math.isqrt('4'))

for n in [0, 1, 2, 5, 10, 20, 21, 25, 100, True]:
    call("factorial", n)
show("len(str(math.factorial(1000)))", lambda: len(str(math.factorial(1000))))
show("math.factorial(1000) % (10**9 + 7)", lambda: math.factorial(1000) % (10**9 + 7))
show("math.factorial(-1)", lambda: math.factorial(-1))
show("math.factorial(-10**30)", lambda: math.factorial(-10**30))
show("math.factorial(10**30)", lambda: math.factorial(10**30))
show("math.factorial(2.0)", lambda: math.factorial(2.0))
show("math.factorial('3')", lambda: math.factorial('3'))

for n, k in [(5, 2), (5, 0), (5, 5), (5, 6), (0, 0), (10, 3), (52, 5), (100, 50), (67, 33), (68, 34), (1000, 3), (10**20, 3), (10**20, 10**20 - 2), (2**70, 5), (True, True)]:
    call("comb", n, k)
    call("perm", n, k)
show("math.perm(5)", lambda: math.perm(5))
show("math.perm(5, None)", lambda: math.perm(5, None))
show("math.perm(-5)", lambda: math.perm(-5))
show("math.comb(-1, 2)", lambda: math.comb(-1, 2))
show("math.comb(2, -1)", lambda: math.comb(2, -1))
show("math.perm(-1, 2)", lambda: math.perm(-1, 2))
show("math.perm(2, -1)", lambda: math.perm(2, -1))
show("math.comb(10**30, 10**20)", lambda: math.comb(10**30, 10**20))
show("math.perm(10**30, 10**20)", lambda: math.perm(10**30, 10**20))
show("math.comb(10**30, 10**30 + 1)", lambda: math.comb(10**30, 10**30 + 1))
show("math.comb(2.0, 1)", lambda: math.comb(2.0, 1))
show("math.comb(1)", lambda: math.comb(1))
show("math.perm()", lambda: math.perm())
show("math.perm(1, 2, 3)", lambda: math.perm(1, 2, 3))

show("math.prod([1, 2, 3, 4])", lambda: math.prod([1, 2, 3, 4]))
show("math.prod([])", lambda: math.prod([]))
show("math.prod([], start=5)", lambda: math.prod([], start=5))
show("math.prod([2, 3], start=0.5)", lambda: math.prod([2, 3], start=0.5))
show("math.prod([2**40, 2**40, 2**40])", lambda: math.prod([2**40, 2**40, 2**40]))
show("math.prod([1.5, 2, 3])", lambda: math.prod([1.5, 2, 3]))
show("math.prod(['ab', 3])", lambda: math.prod(['ab', 3]))
show("math.prod([3, 'ab'])", lambda: math.prod([3, 'ab']))
show("math.prod(range(1, 21))", lambda: math.prod(range(1, 21)))
show("math.prod(1)", lambda: math.prod(1))
show("math.prod()", lambda: math.prod())
show("math.prod([1], 2)", lambda: math.prod([1], 2))
show("math.prod([1, 2], start=3, x=1)", lambda: math.prod([1, 2], start=3, x=1))
show("math.prod([1], x=2)", lambda: math.prod([1], x=2))


class Number:
    def __floor__(self):
        return "floor"

    def __ceil__(self):
        return "ceil"

    def __trunc__(self):
        return "trunc"


class Real:
    def __float__(self):
        return 2.5


class Index:
    def __index__(self):
        return 7


class FloatSub(float):
    pass


for x in [Number(), Real(), Index(), 2.5, -2.5, 2, True, 10**400, FloatSub(3.5),
          1e300, float('inf'), float('nan'), 'a', None]:
    for f in ["floor", "ceil", "trunc"]:
        show("%s(%s)" % (f, type(x).__name__), lambda: getattr(math, f)(x))
show("math.sqrt(Real())", lambda: math.sqrt(Real()))
show("math.sqrt(Index())", lambda: math.sqrt(Index()))
show("math.sqrt(Number())", lambda: math.sqrt(Number()))
show("math.sqrt(10**400)", lambda: math.sqrt(10**400))
show("math.sqrt('4')", lambda: math.sqrt('4'))
show("math.sqrt()", lambda: math.sqrt())
show("math.sqrt(1, 2)", lambda: math.sqrt(1, 2))
show("math.sqrt(x=1)", lambda: math.sqrt(x=1))
show("math.floor()", lambda: math.floor())
show("math.atan2(1)", lambda: math.atan2(1))
show("math.atan2(1, 'a')", lambda: math.atan2(1, 'a'))
show("math.pow(2)", lambda: math.pow(2))
show("math.copysign(1, x=2)", lambda: math.copysign(1, x=2))
show("math.fmod(1)", lambda: math.fmod(1))
for name in ["atan2", "copysign", "remainder", "fmod", "pow", "dist", "nextafter", "ldexp", "comb", "perm"]:
    show(name + "(1, x=2)", lambda: getattr(math, name)(1, x=2))
show("math.hypot(x=1)", lambda: math.hypot(x=1))
show("math.frexp(10**400)", lambda: math.frexp(10**400))
show("math.isqrt(x=1)", lambda: math.isqrt(x=1))
show("math.fsum(x=1)", lambda: math.fsum(x=1))
