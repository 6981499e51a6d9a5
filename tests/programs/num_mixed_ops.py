# Mixed-type arithmetic, reflected operators and user-defined numbers.
class Num:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Num({self.v!r})"
    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))
    __radd__ = __add__
    def __mul__(self, o):
        return Num(self.v * (o.v if isinstance(o, Num) else o))
    def __rmul__(self, o):
        return Num(o * self.v)
    def __rtruediv__(self, o):
        return Num(o / self.v)
    def __rpow__(self, o):
        return Num(o ** self.v)
    def __rfloordiv__(self, o):
        return ("rfloordiv", o)
    def __eq__(self, o):
        return isinstance(o, Num) and self.v == o.v
    def __index__(self):
        return int(self.v)
print(1 + Num(2), 1.5 + Num(2), 1j + Num(2), 3 * Num(2), 2.0 * Num(3), 1 / Num(4), 2 ** Num(3), 7 // Num(2))
print(Num(2) + 1, Num(2) * 3, 5 == Num(5), Num(5) == Num(5))
print([1, 2, 3][Num(1)], "abc"[Num(2)], hex(Num(255)), bin(Num(3)), oct(Num(9)))
print(1 + 2.0, 1 + 2j, 1.0 + 2j, True + 1.5, True + 1j, 2**70 + 0.5, 2**70 + 1j, 3 - 1.5j)
print(type(1 + 2.0).__name__, type(1 + True).__name__, type(1.0 + 2j).__name__, type(True + 1j).__name__)
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
t("Num - int", lambda: Num(1) - 1)
t("int - Num", lambda: 1 - Num(1))
t("int @ int", lambda: 1 @ 2)
t("float < complex", lambda: 1.0 < 1j)
t("int % complex", lambda: 5 % 2j)
print(divmod(7, 2.0), divmod(-7.5, 2), pow(2, 0.5), abs(-2**70), abs(-1.5), abs(3 + 4j), sum([1, 2.5, 1j]))
print(sum([0.1] * 10), sum(range(100)) / 3, max(1, 2.5, True), min([3, 1.5, 2**70]))
