# float comparisons among themselves and with ints, exactly.
vals = [0.0, -0.0, 1.0, 1.5, -1.5, 2.0**53, 2.0**53 + 2, 1e300, -1e300, 5e-324]
for a in vals:
    print(repr(a), [a < b for b in vals], [a == b for b in vals], [a >= b for b in vals])
ints = [0, 1, 2**53, 2**53 + 1, 2**53 + 2, -(2**53 + 1), 10**300, 2**1024, -(2**1024)]
for a in vals:
    print(repr(a), [a < b for b in ints], [a == b for b in ints], [a > b for b in ints], [b <= a for b in ints])
print(0.1 + 0.2 == 0.3, 0.5 == 1 / 2, 1e16 == 10**16, 1e23 == 10**23, 2.0**60 == 2**60, 2.0**60 + 1 == 2**60 + 1)
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
t("float < str", lambda: 1.0 < "a")
t("float == None", lambda: 1.0 == None)
t("float >= list", lambda: 1.0 >= [])
print(max(1.5, 2, -3.0), min(1.5, 2, -3.0), sorted([2, 1.5, -1, 0.0, True]))
