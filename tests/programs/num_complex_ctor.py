# complex() from numbers, strings and objects.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

t("empty", lambda: complex())
for args in [(1,), (1.5,), (1, 2), (1.5, -2.5), (1j,), (1j, 1j), (1 + 2j, 3 + 4j), (2, 1j), (1j, 2), (True, False),
             (-0.0,), (-0.0, -0.0), (0.0, -0.0), (10**20, 10**20)]:
    t(repr(args), lambda: complex(*args))
t("kw", lambda: complex(real=1, imag=2))
t("kw imag", lambda: complex(imag=2))
t("kw imag c", lambda: complex(imag=1j))
t("kw bad", lambda: complex(foo=1))
t("3 args", lambda: complex(1, 2, 3))
t("dup", lambda: complex(1, real=2))
for s in ["1", "1j", "-1j", "j", "+j", "-j", "J", "1+2j", "1-2j", "1+j", "1-j", "-1.5e3+2.5e-3j", " (1+2j) ", "(1+2j",
          "1+2j)", "( 3j )", "1 + 2j", "1+2", "1j+2", "inf", "-infj", "nan+nanj", "infj", "1e5j", "1_000+2_0j", "1__0j",
          "", " ", "()", "j1", "1jj", "1.5", ".5j", "5.j", "1e+5+1e-5j", "x", "1+2k", "+1-1J", "١+٢j", "1e", "1e+j"]:
    t(repr(s), lambda: complex(s))
t("str and imag", lambda: complex("1", 2))
t("imag str", lambda: complex(1, "2"))
t("None", lambda: complex(None))
t("list", lambda: complex([]))
t("imag list", lambda: complex(1, []))
t("imag None", lambda: complex(1, None))
t("overflow", lambda: complex(10**400))
class C:
    def __complex__(self):
        return 3 + 4j
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
class Bad:
    def __complex__(self):
        return 5
t("__complex__", lambda: complex(C()))
t("__complex__ imag", lambda: complex(C(), 1))
t("__float__", lambda: complex(F()))
t("__float__ both", lambda: complex(F(), F()))
t("__index__", lambda: complex(I(), I()))
t("bad __complex__", lambda: complex(Bad()))
class MyC(complex):
    pass
m = MyC(1, 2)
print(type(m).__name__, m, m + 1, type(m + 1).__name__, complex(m), type(complex(m)).__name__, MyC("3j"), MyC())
z = 1 + 2j
print(complex(z) is z, type(z.conjugate()).__name__)
