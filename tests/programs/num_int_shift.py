# << and >>: arithmetic shifts (floor for negatives), errors for negative counts.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

vals = [0, 1, -1, 5, -5, 255, -256, 2**40 + 3, -(2**40 + 3), 2**62 - 1, -2**62, 10**30, -(10**30)]
for v in vals:
    print(v, [v << n for n in (0, 1, 3, 31, 62, 63, 64, 100)])
    print(v, [v >> n for n in (0, 1, 3, 31, 62, 63, 64, 100, 1000)])
print(1 << 1000 >> 998, -1 >> 10**20, 5 >> 10**20, -5 >> 2**100)
print(0 << 10**20)
t("neg lshift", lambda: 1 << -1)
t("neg rshift", lambda: 1 >> -1)
t("big neg rshift", lambda: 1 >> -(10**30))
t("float shift", lambda: 1 << 1.0)
t("shift float", lambda: 1.0 << 1)
print(True << 3, True >> 1, 5 << True)
x = 3
x <<= 70
print(x)
x >>= 69
print(x)
