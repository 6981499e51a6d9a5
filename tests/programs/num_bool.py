# bool: an int subclass with its own repr and bitwise operators.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

B = [True, False]
for a in B:
    for b in B:
        print(a, b, a + b, a - b, a * b, a & b, a | b, a ^ b, a == b, a < b, a and b, a or b)
print(~True, ~False, -True, -False, +True, abs(False), True ** 2, True / 2, True // 2, True % 2, divmod(True, 1))
print(True & 1, 1 & True, type(True & 1).__name__, type(True & False).__name__, True << 2, 10 * True)
print(bool(), bool(0), bool(1), bool(-1), bool(0.0), bool(0.1), bool(""), bool("a"), bool([]), bool(0j), bool(2**70))
print(repr(True), str(False), f"{True}", f"{False!r}", format(True, ""), format(True, "^7"), format(False, "d"))
print(int(True), float(True), complex(True), hash(True), True.__hash__(), isinstance(True, int))
t("bool kw", lambda: bool(x=1))
t("bool 2 args", lambda: bool(1, 2))
print(sum([True, True, False, True]), max(True, 2), min(False, -1), sorted([True, False, 2, -1]))
print(True == 1.0, False == 0j, True is True, {True: 1}[1], [10, 20][True])
