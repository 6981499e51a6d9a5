# float // % divmod: sign of the divisor, signed zeros, errors.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

vals = [0.0, -0.0, 1.0, -1.0, 7.5, -7.5, 2.0, -2.0, 0.1, -0.1, 1e300, -1e-300, 3, -3, 10**20]
for a in vals:
    for b in vals:
        if b == 0:
            continue
        print(a, b, a // b, a % b, divmod(a, b))
inf, nan = float("inf"), float("nan")
for a, b in [(inf, 2.0), (-inf, 2.0), (2.0, inf), (-2.0, inf), (2.0, -inf), (nan, 1.0), (1.0, nan), (inf, inf)]:
    print(a, b, a // b, a % b, divmod(a, b))
t("1.0 // 0", lambda: 1.0 // 0)
t("1.0 % 0", lambda: 1.0 % 0)
t("divmod(1.0, 0)", lambda: divmod(1.0, 0))
t("1 // 0.0", lambda: 1 // 0.0)
t("1 % 0.0", lambda: 1 % 0.0)
t("divmod(1, 0.0)", lambda: divmod(1, 0.0))
t("float // str", lambda: 1.0 // "a")
print(0.3 % 0.1, 1.0 % 0.1, -1.0 % 0.1, 5.5 // 0.1, 1e16 % 3.0, -1e16 % 3.0, 7 % -0.0 if False else 0)
