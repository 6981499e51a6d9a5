# complex: equality with other numbers, hash, abs, bool, attributes and methods.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

print(1 + 0j == 1, 1 + 0j == 1.0, 1j == 1, 2**53 + 1 + 0j == 2**53 + 1, complex(2**53) == 2**53 + 1, 0j == 0, 0j == False,
      1j != 1j, 1j == "1j", (1 + 2j) == (1 + 2j), complex(float("nan")) == complex(float("nan")))
for v in [0j, 1j, 1 + 0j, 1.5 + 2j, -1 - 1j, complex(2**62, 0), complex(0, 0.5), complex(float("inf"), 1), 1e300 + 1e300j]:
    print(repr(v), hash(v), abs(v), bool(v), v.real, v.imag, v.conjugate(), v.__getnewargs__(), v.__complex__())
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), {1: "int", 1 + 0j: "complex"})
t("abs overflow", lambda: abs(complex(1e308, 1e308)))
t("abs inf", lambda: abs(complex(float("inf"), float("nan"))))
t("abs nan", lambda: abs(complex(float("nan"), 1)))
t("round", lambda: round(1j))
t("conjugate arg", lambda: (1j).conjugate(1))
print((1 + 2j).__add__(1), (1 + 2j).__radd__(1), (1 + 2j).__mul__(1j), (1 + 2j).__rsub__(1), (1 + 2j).__truediv__(2),
      (1 + 2j).__rtruediv__(2), (1j).__pow__(2), (1j).__rpow__(2), (1j).__eq__(1j), (1j).__lt__(1j), (1j).__add__("x"))
print(complex.conjugate(3 + 4j), (3 + 4j).__abs__(), (3 + 4j).__neg__(), (3 + 4j).__pos__(), (0j).__bool__())
