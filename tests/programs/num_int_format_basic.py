# format() of ints with the integer presentation types.
def t(v, spec):
    try:
        print(repr(v), repr(spec), repr(format(v, spec)))
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)

vals = [0, 1, -1, 42, -42, 255, 65535, 2**64, -(2**70), 10**25]
for spec in ["", "d", "b", "o", "x", "X", "n", "#b", "#o", "#x", "#X", "#d", "+d", " d", "-d", "+x", " #x", "+#X"]:
    for v in vals:
        t(v, spec)
for v in [65, 97, 0x263a, 0x1f600, 0, 0x10ffff]:
    t(v, "c")
    t(v, "5c")
    t(v, "<3c")
t(True, "")
t(True, "d")
t(False, "x")
t(True, ">5")
t(True, "q")
print(f"{255:x} {255:#X} {-255:b} {10:o} {1234:n} {True:d} {7}")
