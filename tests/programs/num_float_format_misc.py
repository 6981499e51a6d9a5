# float formatting: '%', 'n', grouping, zero padding, 'z', errors.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

vals = [0.0, -0.0, 0.5, 0.123456, -1.5, 1234567.891, 1e20, -1e-7, float("inf"), float("nan")]
for spec in ["%", ".0%", ".1%", "#.0%", "+.2%", "10.1%", "n", ".3n", ",", "_", ",.2f", "_.3f", ",e", ",g", ",.3",
             "015,.2f", "020_.1f", "z", "z.1f", "z.2e", "z.3g", "z.0f", "+z.1f", "z%", "010", "=+10", "0=10.1f", "x^11.2f"]:
    for v in vals:
        t(v, spec)
for spec in ["d", "x", "c", "s", "b", ",n", "_n", ".", "1.2.3", ",_", "#c", "z=", "r"]:
    t(1.5, spec)
for bad in [1, None]:
    try:
        print((1.5).__format__(bad))
    except TypeError as e:
        print(type(e).__name__, e)
t(-0.00001, "z.3f")
t(-0.0, "z")
t(-0.0, "z.0e")
