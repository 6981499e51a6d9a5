# round() of floats: to int ties to even, or correctly rounded to ndigits.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1.005, 0.125, 0.375, 1234.5678, -1234.5678,
          1e20, 1e-20, 5e-324, 123456789.5, 0.0, -0.0, 1.7e308]:
    print(repr(v), round(v), round(v, 0), round(v, 1), round(v, 2), round(v, 3), round(v, -1), round(v, -2),
          round(v, 10), round(v, 400), round(v, -400), round(v, 308), round(v, -308))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(2.5, None)).__name__)
t("inf", lambda: round(float("inf")))
t("-inf", lambda: round(float("-inf")))
t("nan", lambda: round(float("nan")))
t("inf 2", lambda: round(float("inf"), 2))
t("nan 2", lambda: round(float("nan"), 2))
t("overflow", lambda: round(1.7e308, -308))
t("ndigits float", lambda: round(1.5, 1.0))
t("ndigits str", lambda: round(1.5, "1"))
t("big ndigits", lambda: round(1.5, 10**30))
t("big neg ndigits", lambda: round(1.5, -10**30))
for i in range(30):
    x = i * 0.05
    print(repr(x), round(x, 1), round(x, 2), round(-x, 1))
print((2.5).__round__(), (2.5).__round__(None), (2.567).__round__(2))
