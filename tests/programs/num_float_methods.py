# float's methods and attributes.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for v in [0.0, -0.0, 1.0, -1.5, 0.1, 2.5, 1e20, -1e-300, 5e-324, 1.7976931348623157e308, 123.0, 2.0**70]:
    print(repr(v), v.is_integer(), v.as_integer_ratio(), v.conjugate(), v.real, v.imag, v.__trunc__(), v.__floor__(),
          v.__ceil__(), v.__int__(), v.__float__(), v.__abs__(), v.__neg__(), v.__pos__(), v.__bool__(), v.__getnewargs__())
for v in [float("inf"), float("-inf"), float("nan")]:
    print(v, v.is_integer(), v.real, v.conjugate())
    t("ratio", lambda: v.as_integer_ratio())
    t("trunc", lambda: v.__trunc__())
    t("floor", lambda: v.__floor__())
    t("ceil", lambda: v.__ceil__())
print(float.__getformat__("double"), float.__getformat__("float"))
t("getformat bad", lambda: float.__getformat__("x"))
t("getformat int", lambda: float.__getformat__(1))
print((1.5).__add__(1), (1.5).__radd__(1), (1.5).__sub__(2), (1.5).__rsub__(2), (1.5).__mul__(2), (3.0).__truediv__(2),
      (3.0).__rtruediv__(2), (7.5).__floordiv__(2), (7.5).__mod__(2), (7.5).__divmod__(2), (2.0).__pow__(3), (2.0).__rpow__(3),
      (1.5).__eq__(1.5), (1.5).__lt__(2), (1.5).__add__("x"), (1.5).__hash__())
t("is_integer arg", lambda: (1.0).is_integer(1))
import_ok = True
print(1.5.real, (-0.0).imag, float.conjugate(3.5))
