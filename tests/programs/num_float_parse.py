# float(str): decimal literals, underscores, whitespace, inf/nan, and errors.
def rep(s, n):
    # str * int without relying on it.
    r = ""
    for _ in range(n):
        r += s
    return r

def t(s):
    try:
        print(repr(s), repr(float(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)

for s in ["0", "-0", "+0.0", "1", "1.", ".5", "-.5", "1e5", "1E5", "1e+5", "1e-5", "1.5e3", "  3.25  ", "\n-2\t",
          "1_000.5", "1_0e1_0", "1__0", "_1", "1_", "1._5", "1_.5", "1e_5", "inf", "-inf", "+inf", "Infinity", "-INFINITY",
          "nan", "NaN", "-nan", "+NAN", "infinit", "nana", "in f", "", " ", ".", "e5", "1e", "1e+", "--1", "+-1", "1.2.3",
          "0x10", "1,5", "١٫٥", "٣", "１.５", "1e400", "-1e400", "1e-400", "4.9e-324", "2.4e-324", "0.1e1",
          "123456789012345678901234567890", "0.30000000000000004", "9007199254740993", "1 2", "1j"]:
    t(s)
t(b"1.5")
t(b"  -2e3 ")
t(b"x")
t(rep("x", 100))
