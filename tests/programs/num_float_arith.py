# float + - * / with ints and floats, signed zeros and specials.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

vals = [0.0, -0.0, 1.0, -1.5, 0.1, 3.0, 1e308, -1e308, 5e-324, 1e-300, 2.5, float("inf"), float("-inf"), float("nan")]
for a in vals:
    for b in vals[::2]:
        r = []
        for op in (lambda: a + b, lambda: a - b, lambda: a * b, lambda: a / b):
            try:
                r.append(op())
            except ZeroDivisionError as e:
                r.append(str(e))
        print(a, b, r)
print(0.1 + 0.2, 0.1 * 3, 1 - 0.9, 1e16 + 1, 2**53 + 1.0, 1 / 3.0, 10 / 3.0, -7 / 2.0)
print(1 + 2.5, 2.5 + 1, 3 * 0.5, 0.5 * 3, 2**70 * 1.0, 1.0 * 2**70, 10**20 - 0.5, 1.5 - True)
t("big int + float", lambda: 10**400 + 1.0)
t("float + big int", lambda: 1.0 + 10**400)
t("float / 0", lambda: 1.0 / 0)
t("float / 0.0", lambda: 1.0 / 0.0)
t("0.0 / 0.0", lambda: 0.0 / 0.0)
t("int / 0.0", lambda: 5 / 0.0)
t("float + str", lambda: 1.0 + "a")
t("str * float", lambda: "a" * 2.0)
t("float * list", lambda: 2.0 * [1])
print(-(0.0), -(-0.0), +(-0.0), abs(-0.0), abs(-2.5), -float("inf"), abs(float("-inf")))
x = 1.5
x += 1
x *= 2
x -= 0.5
x /= 4
print(x)
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10, 5e-324 / 2, 1e300 * 1e300 - 1e300 * 1e300)
