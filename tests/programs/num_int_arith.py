# int + - * on small, boundary and big values, and mixed with bool.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

edges = [0, 1, -1, 2, -2, 7, -7, 2**31 - 1, -2**31, 2**62 - 1, -2**62, 2**62, 2**63 - 1,
         -2**63, 2**63, 2**64, -2**64 - 1, 10**20, -10**20, 3**50, -(7**40)]
for a in edges:
    for b in edges[::3]:
        print(a, b, a + b, a - b, a * b)

print(sum(range(10**6)))
x = 1
for i in range(1, 40):
    x *= i
print(x, -x, +x, abs(-x), x - x, x * 0)
print((2**62 - 1) + 1, -2**62 - 1, (2**62) * (2**62), -(2**62) * 2)
t("neg small", lambda: -(-2**62))
t("abs edge", lambda: abs(-2**62))
t("abs big", lambda: abs(-10**30))
t("str + int", lambda: 1 + "a")
t("int - None", lambda: 1 - None)
t("list * int", lambda: [1, 2] * 2)
t("int * str", lambda: 3 * "ab")
a = 5
a += 2**70
print(a)
a -= 2**70
print(a, type(a).__name__)
a *= -3
print(a)
print(True + True, True * 10, False - 1, -True, +False, abs(True))
print(type(True + 1).__name__, type(-True).__name__)
