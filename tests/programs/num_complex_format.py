# format() of complex numbers.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

vals = [0j, 1j, -1j, 1 + 2j, -1.5 - 2.25j, 1e20 + 2j, 3.14159 - 2.71828j, complex(-0.0, -0.0), complex(float("inf"), float("nan")), 1234567.5 + 0.001j]
for spec in ["", "g", "G", "e", "E", "f", "F", "n", ".2f", ".0f", ".3e", ".3g", ".3", ".10", "+", "+.2f", " .1f", "-g",
             "20", "<25", ">25", "^25", "*^25.2f", "#", "#g", "#.0f", "z.1f", ",.2f", "_.1f", ",", "10.3"]:
    for v in vals:
        t(v, spec)
for spec in ["%", "d", "x", "c", "s", "010", "0<10", "=10", "x=10", "#x", ".2%", "q"]:
    t(1 + 2j, spec)
print(f"{1 + 2j} {1 + 2j:.1f} {3j:>8} {-1j:g}")
