# complex ** : integral exponents by repeated multiplication, others by polar form.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

bases = [1j, -1j, 1 + 1j, 2 - 3j, 0.5 + 0.5j, -1 + 0j, 0j, 1 + 0j, 3, -2.0]
exps = [0, 1, 2, 3, -1, -2, 10, 0.5, -0.5, 1j, 2 + 1j, 101, 100, -100, 0j]
for b in bases:
    for e in exps:
        t(f"{b!r} ** {e!r}", lambda: b ** e)
t("0j ** -1", lambda: 0j ** -1)
t("0j ** 1j", lambda: 0j ** 1j)
t("0j ** 0", lambda: 0j ** 0)
t("0 ** -1j", lambda: 0 ** (-1j))
t("overflow", lambda: (1e200 + 1e200j) ** 2)
t("overflow big", lambda: (1e300 + 1e300j) ** 1000.5)
t("overflow int", lambda: (10 + 10j) ** 1000)
t("nan result", lambda: (1e308 + 1e308j) ** 2)
t("pow mod", lambda: pow(1j, 2, 3))
t("float ** complex", lambda: 2.0 ** 1j)
t("int ** complex", lambda: 2 ** (1 + 1j))
t("neg float frac", lambda: (-8) ** (1 / 3))
t("neg float frac 2", lambda: (-2.0) ** 1.5)
t("neg big int frac", lambda: (-(10**20)) ** 0.5)
print(pow(1j, 2), pow(2, 1j), (1j) ** 2 == -1, abs((1 + 1j) ** 8))
