# int ** int, negative exponents (floats), and pow(a, b, m).
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for b in [0, 1, -1, 2, -2, 3, 10, -10, 7]:
    print(b, [b ** e for e in range(0, 12)])
print(2 ** 100, (-3) ** 41, 10 ** 30, 7 ** 77)
print(2 ** -1, 2 ** -2, (-2) ** -3, 10 ** -5, 3 ** -2)
print(0 ** 0, 0 ** 5, 1 ** 10**20, (-1) ** (10**20), (-1) ** (10**20 + 1))
t("0 ** -1", lambda: 0 ** -1)
t("big ** -1", lambda: (10**400) ** -1)
t("2 ** -2000", lambda: 2 ** -2000)
for args in [(2, 10, 1000), (3, 200, 13), (-2, 3, 5), (2, 3, -5), (-2, 3, -5), (5, 0, 7), (5, 0, 1),
             (0, 0, 1), (7, -1, 11), (3, -2, 7), (10**20, 10**20, 10**9 + 7), (2, -1, -7), (4, 3, -1)]:
    t(f"pow{args}", lambda: pow(*args))
t("pow mod 0", lambda: pow(2, 3, 0))
t("pow not invertible", lambda: pow(2, -1, 4))
t("pow float mod", lambda: pow(2.0, 3, 4))
t("pow int float mod", lambda: pow(2, 3, 4.0))
t("pow str", lambda: pow(2, "3"))
t("pow 3 str", lambda: pow(2, 3, "4"))
t("str ** int", lambda: "a" ** 2)
print(pow(2, 5), pow(-2, 5), pow(2, -5), pow(3, 4, 5), pow(base=2, exp=10), pow(2, 10, mod=1000))
x = 3
x **= 4
print(x)
x **= -1
print(x)
print(True ** 5, False ** 0, 2 ** True, pow(True, 3, 2))
