# int(x) for numbers and objects: __int__, __index__, __trunc__, subclasses.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for x in [0.0, -0.0, 1.9, -1.9, 1e18, 1e19, -1e30, 2.0**63, 123456789.987, 1e300, 5e-324]:
    t(repr(x), lambda: int(x))
t("inf", lambda: int(float("inf")))
t("-inf", lambda: int(float("-inf")))
t("nan", lambda: int(float("nan")))
t("True", lambda: int(True))
t("None", lambda: int(None))
t("list", lambda: int([]))
t("complex", lambda: int(1j))
t("no args", lambda: int())

class I:
    def __int__(self):
        return 42
class X:
    def __index__(self):
        return 7
class T:
    def __trunc__(self):
        return 9
class Bad:
    def __int__(self):
        return "no"
class BadIndex:
    def __index__(self):
        return 1.5
class Both:
    def __int__(self):
        return 1
    def __index__(self):
        return 2
t("__int__", lambda: int(I()))
t("__index__", lambda: int(X()))
t("bad __int__", lambda: int(Bad()))
t("bad __index__", lambda: int(BadIndex()))
t("both", lambda: int(Both()))
t("index in range", lambda: list(range(10))[X()])
t("bin index", lambda: bin(X()))

class MyInt(int):
    pass
m = MyInt(5)
print(type(m).__name__, m, m + 1, type(m + 1).__name__, repr(m), int(m), type(int(m)).__name__)
print(MyInt("ff", 16), MyInt(), MyInt(2**70), type(MyInt(2**70)).__name__)
print(isinstance(m, int), isinstance(True, int), issubclass(bool, int))
class Sized(int):
    def __repr__(self):
        return "Sized(" + str(int(self)) + ")"
print(repr(Sized(3)), str(Sized(3)), Sized(3) * 2, -Sized(3), abs(Sized(-3)), +Sized(4))
print(type(+Sized(4)).__name__, type(abs(Sized(-3))).__name__)
print(hex(255), oct(8), bin(5), hex(-255), bin(-5), oct(-8), hex(2**70), bin(0), hex(True))
t("hex float", lambda: hex(1.5))
