# Comparisons of ints with ints and floats are exact.
import_free = True
vals = [0, 1, -1, 2**53, 2**53 + 1, -(2**53 + 1), 2**63, 10**30, -(10**30)]
fl = [0.0, -0.0, 1.0, 9007199254740992.0, 9007199254740994.0, 1e30, -1e30, 0.5, float('inf'), float('-inf'), float('nan')]
for a in vals:
    for b in fl:
        print(a, b, a < b, a <= b, a == b, a != b, a > b, a >= b)
for a in vals:
    print([a < b for b in vals], [a == b for b in vals])
print(2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 10**400 > 1e308, -10**400 < -1e308, 10**400 < float('inf'))
print(1 == 1.0, 1 == True, 0 == False, 1 < 1.5, 2 > 1.5, -1 < -0.5)
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
t("int < str", lambda: 1 < "a")
t("int == str", lambda: 1 == "1")
t("int > None", lambda: 1 > None)
print(max(3, 2**70, -5), min(3, 2**70, -5), sorted([3, -1, 2**65, 0, -2**65]))
