# float(x) for numbers and objects, and float subclasses.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for x in [0, 1, -1, 2**53 + 1, 2**63, 10**308, True, False, 1.5, -0.0]:
    t(repr(x), lambda: float(x))
t("10**309", lambda: float(10**309))
t("no args", lambda: float())
t("None", lambda: float(None))
t("list", lambda: float([]))
t("complex", lambda: float(1j))
t("two args", lambda: float(1, 2))
t("kw", lambda: float(x=1))
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 3
class Bad:
    def __float__(self):
        return 1
class Both:
    def __float__(self):
        return 1.5
    def __index__(self):
        return 1
t("__float__", lambda: float(F()))
t("__index__", lambda: float(I()))
t("bad __float__", lambda: float(Bad()))
t("both", lambda: float(Both()))
class MyFloat(float):
    pass
m = MyFloat(2.5)
print(type(m).__name__, m, repr(m), m + 1, type(m + 1).__name__, float(m), type(float(m)).__name__, -m, type(-m).__name__)
print(MyFloat(), MyFloat("1e3"), isinstance(m, float), type(+m).__name__, type(abs(m)).__name__, m.real, type(m.real).__name__)
class R(float):
    def __repr__(self):
        return "R(" + float.__repr__(self) + ")"
print(repr(R(1)), str(R(2)), R(3) * 2)
