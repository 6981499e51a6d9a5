# Floor division, modulo and divmod: the result takes the divisor's sign.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

vals = [0, 1, -1, 3, -3, 7, -7, 10, -10, 2**62, -2**62, 2**64 + 3, -(2**64 + 3), 10**30 + 7, -(10**30 + 7)]
for a in vals:
    for b in vals:
        if b == 0:
            continue
        print(a, b, a // b, a % b, divmod(a, b))
for a in [5, -5, 10**25]:
    t(f"{a} // 0", lambda: a // 0)
    t(f"{a} % 0", lambda: a % 0)
    t(f"divmod({a}, 0)", lambda: divmod(a, 0))
t("big // 0", lambda: (10**40) // 0)
t("5 // 'a'", lambda: 5 // 'a')
t("divmod str", lambda: divmod(5, 'a'))
t("True // False", lambda: True // False)
print(True // True, True % 2, divmod(True, 2), -7 // True)
print(divmod(-2**62, -1), (-2**62) // -1, (-2**63) // -1, (-2**63) % -1)
x = 100
x //= 7
print(x)
x %= 4
print(x)
