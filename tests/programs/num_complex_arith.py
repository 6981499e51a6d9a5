# complex + - * / with ints, floats and complexes.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

vals = [0j, 1j, -1j, 1 + 2j, -3.5 + 0.25j, 1e300 + 1e300j, complex(0.0, -0.0), 2, -1.5, True]
for a in vals:
    for b in vals:
        r = []
        for op in (lambda: a + b, lambda: a - b, lambda: a * b, lambda: a / b):
            try:
                r.append(op())
            except ZeroDivisionError as e:
                r.append(str(e))
        print(repr(a), repr(b), r)
print((1 + 2j) * (3 - 4j), (1 + 2j) / (3 - 4j), (1e308 + 1e308j) / (1e308 + 1e308j), 1j * 1j, 2 * 1j, 1j * 2.5)
print(-(1 + 2j), +(1 + 2j), -(0j), -complex(0.0, -0.0))
t("div zero", lambda: (1 + 1j) / 0)
t("div zero c", lambda: 1 / 0j)
t("floordiv", lambda: (1 + 1j) // 2)
t("rfloordiv", lambda: 2 // (1 + 1j))
t("mod", lambda: (1 + 1j) % 2)
t("divmod", lambda: divmod(1j, 2))
t("lt", lambda: 1j < 2j)
t("ge int", lambda: 1j >= 1)
t("and", lambda: 1j & 1)
t("neg shift", lambda: 1j << 1)
t("int conv", lambda: int(1j))
t("float conv", lambda: float(1j))
t("add str", lambda: 1j + "a")
t("big int", lambda: 1j + 10**400)
x = 1j
x += 1
x *= 2
x -= 1j
x /= 2
print(x)
