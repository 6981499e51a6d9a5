# int's methods and attributes.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for v in [0, 1, -1, 2, 3, 7, 8, -8, 255, 256, 2**62, -2**62, 2**63 - 1, 2**64, -(2**100) + 1, 10**30]:
    print(v, v.bit_length(), v.bit_count(), v.as_integer_ratio(), v.conjugate(), v.numerator, v.denominator,
          v.real, v.imag, v.__trunc__(), v.__floor__(), v.__ceil__(), v.__index__(), v.__int__(), v.__float__() if abs(v) < 2**1000 else None,
          v.__abs__(), v.__neg__(), v.__pos__(), v.__invert__(), v.__bool__(), v.__getnewargs__())
print((5).__add__(3), (5).__radd__(3), (5).__sub__(3), (5).__rsub__(3), (5).__mul__(2.0), (5).__truediv__(2),
      (5).__rtruediv__(2), (5).__floordiv__(2), (5).__mod__(3), (5).__rmod__(3), (5).__divmod__(3), (5).__rdivmod__(17),
      (5).__pow__(2), (5).__rpow__(2), (5).__pow__(2, 3), (5).__lshift__(2), (5).__rlshift__(2), (5).__and__(3), (5).__xor__(1),
      (5).__eq__(5), (5).__lt__(6), (5).__eq__(5.0), (5).__hash__())
print(True.bit_length(), True.real, True.imag, True.numerator, True.denominator, True.conjugate(), type(True.conjugate()).__name__,
      True.as_integer_ratio(), (True).__index__())
t("bit_length arg", lambda: (5).bit_length(1))
t("conjugate arg", lambda: (5).conjugate(1))
t("set real", lambda: setattr(5, "real", 3))
t("missing", lambda: (5).foo)
print(int.bit_length(255), int.__add__(2, 3), int.__neg__(5), int.conjugate(-7), int.as_integer_ratio(-7))
class MyInt(int):
    pass
m = MyInt(9)
print(type(m.real).__name__, type(m.numerator).__name__, type(m.conjugate()).__name__, type(m.__trunc__()).__name__,
      type(m.as_integer_ratio()[0]).__name__, type(m.__index__()).__name__, type(m.__int__()).__name__, type(-m).__name__)
