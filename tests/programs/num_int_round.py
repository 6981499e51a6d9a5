# round() of ints: ndigits >= 0 keeps the int, negative rounds half to even.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for v in [0, 5, 15, 25, 35, -5, -15, -25, 149, 150, 151, 250, 350, -250, 12345, 2**70 + 5 * 10**20, -(10**30 + 5 * 10**29)]:
    print(v, round(v), round(v, 0), round(v, 2), round(v, -1), round(v, -2), round(v, -3), round(v, -30))
print(type(round(5)).__name__, type(round(5, -1)).__name__, type(round(True)).__name__, round(True), round(True, -1))
print((15).__round__(), (15).__round__(-1), (25).__round__(-1))
t("None ndigits", lambda: (15).__round__(None))
t("float ndigits", lambda: round(5, 1.5))
t("str ndigits", lambda: round(5, "1"))
t("too many", lambda: (5).__round__(1, 2))
class N:
    def __index__(self):
        return -1
print(round(46, N()), round(55, ndigits=-1), round(number=65, ndigits=-1))
