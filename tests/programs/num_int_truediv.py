# int / int is correctly rounded, even for ints beyond 2**53.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

print(1 / 3, 2 / 3, -1 / 3, 10 / 4, -10 / 4, 0 / 5, 0 / -5, 7 / 7)
print(2**53 / 3, (2**53 + 1) / 1, (2**53 + 1) / 2, (2**54 + 1) / 2, (2**54 + 3) / 4)
print(10**20 / 3, 10**30 / 7, -(10**30) / 7, 10**300 / 10**299, 10**400 / 10**399)
print((2**1024 - 2**970) / 1, (2**1024 - 2**970 - 1) / 1)
print(1 / 2**1074, 1 / 2**1075, 3 / 2**1076, 1 / 10**400, -1 / 10**400)
print(2**1000 / 3**500, 3**700 / 2**1000)
for n in range(50, 70):
    print(n, (2**n + 1) / 3, (3**n) / (2**n), (2**n - 1) / (2**n + 1))
for a, b in [(1, 3), (1, 7), (22, 7), (355, 113), (10**17 + 1, 10**17), (2**70 + 1, 2**17)]:
    print(a / b, -a / b, a / -b)
t("1/0", lambda: 1 / 0)
t("big/0", lambda: 10**50 / 0)
t("overflow", lambda: 10**400 / 3)
t("overflow neg", lambda: -(10**400) / 7)
t("huge/huge", lambda: 10**500 / 10**499)
t("int / float", lambda: 1 / 0.0)
t("int / str", lambda: 1 / "x")
x = 7
x /= 2
print(x)
