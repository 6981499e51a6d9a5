# math's functions of floats: values to the last bit (repr), special
# values, and the errors for the domain and for overflow.
import math

inf = float("inf")
nan = float("nan")


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


print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
print(type(math.pi).__name__, math.__name__, repr(math.sqrt))

samples = [0.0, -0.0, 0.1, 0.5, 1.0, -1.0, 2.0, 3.7, -2.5, 10.0, 100.0, 1e-300, 1e300, 1e-320, inf, -inf, nan]
one_arg = ["sqrt", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p",
           "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
           "asinh", "acosh", "atanh", "fabs", "erf", "erfc", "gamma",
           "lgamma", "degrees", "radians", "isfinite", "isinf", "isnan", "ulp",
           "frexp", "modf"]
for name in one_arg:
    for x in samples:
        call(name, x)

# cbrt where the result is exact (glibc's is not correctly rounded).
for x in [0.0, -0.0, 8.0, 1e-300, 2.0**300, inf, -inf, nan]:
    call("cbrt", x)

for name in ["atan2", "copysign", "fmod", "remainder", "pow", "nextafter", "hypot", "isclose"]:
    for x in [0.0, -0.0, 1.0, -1.5, 2.0, 7.25, 1e308, inf, -inf, nan]:
        for y in [0.0, -0.0, 1.0, -2.0, 0.5, 3.0, inf, -inf, nan]:
            call(name, x, y)

for x in [1.5, 2.5, -2.5, 0.5, 100.5, 171.5, 180.0, -180.5, 1e-25, -1e-25, 5.0, 23.0, 24.0, 141.5, 0.000001]:
    call("gamma", x)
    call("lgamma", x)

for x in [0.0, 1.0, -1.0, 0.5, 1e-310, 3.0, 5e-324, 1.7976931348623157e308]:
    for i in [0, 1, -1, 10, -1074, 1024, -1100, 2**40, -2**40, 10**30, True]:
        call("ldexp", x, i)
show("math.ldexp(1.0, 2.5)", lambda: math.ldexp(1.0, 2.5))
show("math.ldexp('a', 2)", lambda: math.ldexp('a', 2))

show("math.hypot()", lambda: math.hypot())
show("math.hypot(3)", lambda: math.hypot(3))
show("math.hypot(-3)", lambda: math.hypot(-3))
show("math.hypot(3, 4)", lambda: math.hypot(3, 4))
show("math.hypot(3, 4, 12)", lambda: math.hypot(3, 4, 12))
show("math.hypot(1e-320, 1e-320)", lambda: math.hypot(1e-320, 1e-320))
show("math.hypot(1e308, 1e308)", lambda: math.hypot(1e308, 1e308))
show("math.hypot(1.5, 2.5, 3.5, 4.5, 5.5)", lambda: math.hypot(1.5, 2.5, 3.5, 4.5, 5.5))
show("math.hypot(inf, nan)", lambda: math.hypot(inf, nan))
show("math.hypot(nan, 1)", lambda: math.hypot(nan, 1))
show("math.dist((1, 2), (4, 6))", lambda: math.dist((1, 2), (4, 6)))
show("math.dist([1.5, 2.5, 3.5], (0.1, 0.2, 0.3))", lambda: math.dist([1.5, 2.5, 3.5], (0.1, 0.2, 0.3)))
show("math.dist(iter([1, 2]), [3, 4])", lambda: math.dist(iter([1, 2]), [3, 4]))
show("math.dist([1], [1, 2])", lambda: math.dist([1], [1, 2]))
show("math.dist(1, 2)", lambda: math.dist(1, 2))
show("math.dist((), ())", lambda: math.dist((), ()))

show("math.fsum([0.1] * 10)", lambda: math.fsum([0.1] * 10))
show("math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])", lambda: math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
show("math.fsum([1e-16, 1, 1e16])", lambda: math.fsum([1e-16, 1, 1e16]))
show("math.fsum(i / 7 for i in range(1000))", lambda: math.fsum(i / 7 for i in range(1000)))
show("math.fsum([])", lambda: math.fsum([]))
show("math.fsum([1e308, 1e308])", lambda: math.fsum([1e308, 1e308]))
show("math.fsum([inf, -inf])", lambda: math.fsum([inf, -inf]))
show("math.fsum([inf, inf, 1.0])", lambda: math.fsum([inf, inf, 1.0]))
show("math.fsum([inf, nan])", lambda: math.fsum([inf, nan]))
show("math.fsum([1, 2, 'a'])", lambda: math.fsum([1, 2, 'a']))
show("math.fsum(3)", lambda: math.fsum(3))
show("sum([0.1] * 10) == math.fsum([0.1] * 10)", lambda: sum([0.1] * 10) == math.fsum([0.1] * 10))

for x in [0.1, 1e-9, 1.0, 1e100]:
    call("isclose", x, x * (1 + 1e-10))
    call("isclose", x, x * (1 + 1e-10), rel_tol=1e-12)
show("math.isclose(0.0, 1e-10, abs_tol=1e-9)", lambda: math.isclose(0.0, 1e-10, abs_tol=1e-9))
show("math.isclose(1, 2, rel_tol=-1)", lambda: math.isclose(1, 2, rel_tol=-1))
show("math.isclose(1, 2, abs_tol=-1)", lambda: math.isclose(1, 2, abs_tol=-1))
show("math.isclose(1, 2, 3)", lambda: math.isclose(1, 2, 3))
show("math.isclose(1)", lambda: math.isclose(1))
show("math.isclose(1, 2, tol=3)", lambda: math.isclose(1, 2, tol=3))
show("math.isclose(inf, inf)", lambda: math.isclose(inf, inf))
show("math.isclose(inf, -inf)", lambda: math.isclose(inf, -inf))
show("math.isclose(nan, nan)", lambda: math.isclose(nan, nan))

for x in [2, 3, 10**20, 10**400, 2**1023 * 3, True, 1.5]:
    for f in ["log", "log2", "log10"]:
        call(f, x)
show("math.log(8, 2)", lambda: math.log(8, 2))
show("math.log(100, 10)", lambda: math.log(100, 10))
show("math.log(10**1000, 2)", lambda: math.log(10**1000, 2))
show("math.log(2, 10**1000)", lambda: math.log(2, 10**1000))
show("math.log(10, 1)", lambda: math.log(10, 1))
show("math.log(1, 0)", lambda: math.log(1, 0))
show("math.log(0)", lambda: math.log(0))
show("math.log(-5)", lambda: math.log(-5))
show("math.log(-10**400)", lambda: math.log(-10**400))
show("math.log()", lambda: math.log())
show("math.log(1, 2, 3)", lambda: math.log(1, 2, 3))
show("math.log(x=1)", lambda: math.log(x=1))
show("math.log('a')", lambda: math.log('a'))
