# float ** with C99's special cases, errors, and complex results for negative bases.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

inf, nan = float("inf"), float("nan")
vals = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, inf, -inf, nan]
for a in vals:
    for b in vals:
        t(f"{a!r} ** {b!r}", lambda: a ** b)
print(2.0 ** 10, 2 ** 0.5, 10.0 ** -2, 4 ** 0.5, (-8.0) ** 3, (-8.0) ** (1 / 3), (-1) ** 0.5, 2.0 ** -1074)
t("overflow", lambda: 10.0 ** 400)
t("overflow neg", lambda: (-10.0) ** 401)
t("int ** float overflow", lambda: 10 ** 400.0)
t("underflow", lambda: 10.0 ** -400)
t("0.0 ** -1", lambda: 0.0 ** -1)
t("0 ** -1.0", lambda: 0 ** -1.0)
t("-0.0 ** -1", lambda: (-0.0) ** -1)
t("pow 3 args", lambda: pow(2.0, 2, 3))
t("big int base", lambda: (10**400) ** 0.5)
t("float ** big int", lambda: 1.0000001 ** (10**20))
t("0.5 ** big", lambda: 0.5 ** (10**20))
print(pow(2.0, 3), pow(2, 3.0), pow(-2.0, 2), pow(9.0, 0.5), pow(1.0, nan), pow(nan, 0))
x = 2.0
x **= 3
print(x)
