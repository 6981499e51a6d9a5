# int(str, base): prefixes, underscores, whitespace, signs and errors.
def rep(s, n):
    # str * int without relying on it.
    r = ""
    for _ in range(n):
        r += s
    return r

def t(*args):
    try:
        print(repr(args), repr(int(*args)))
    except Exception as e:
        print(repr(args), type(e).__name__, e)

for s in ["0", "-0", "+7", "  42  ", "\t-13\n", "1_000", "1__0", "_1", "1_", "", " ", "+", "-",
          "12a", "1.5", "1e3", "٣٤", "0x10", "010", "00", "0_0", "１２", "1 2", rep("9", 30), "-" + rep("9", 25)]:
    t(s)
for s, b in [("ff", 16), ("FF", 16), ("0xff", 16), ("0x_ff", 16), ("0X_F_F", 16), ("0b101", 2), ("101", 2),
             ("0o17", 8), ("17", 8), ("z", 36), ("Z", 36), ("10", 36), ("12", 2), ("0x10", 0), ("0o10", 0),
             ("0b10", 0), ("10", 0), ("010", 0), ("0", 0), ("000", 0), ("0_0", 0), ("0x", 16), ("0x", 0),
             ("0b2", 0), ("1_0", 0), ("0xg", 16), ("  -0x1f  ", 0), ("0b", 2), ("0o8", 8), ("ffff_ffff_ffff_ffff_ffff", 16),
             ("11", 3), ("zz", 35), ("x", 1), ("1", 37), ("1", -1), ("1", 10**30)]:
    t(s, b)
t("12", "3")
t("12", 3.0)
t(12, 10)
t(1.5, 2)
t(b"12")
t(b"0x1f", 16)
t(b"zz")
t(rep("x", 300))
print(int(rep("1", 100)), int("-" + rep("7", 60), 8), int(rep("f", 40), 16))
print(int(base=16, x="ff") if False else int("ff", base=16))
try:
    int("5", base=10, bogus=1)
except TypeError as e:
    print(e)
try:
    int(x="5")
except TypeError as e:
    print(e)
try:
    int(base=10)
except TypeError as e:
    print(e)
try:
    int("1", 2, 3)
except TypeError as e:
    print(e)
