# the str constructor

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


class S(str):
    pass

class R:
    def __repr__(self):
        return "R!"

class B:
    def __str__(self):
        return 5


t('str()', lambda: str())
t('str("abc")', lambda: str("abc"))
t('str(1)', lambda: str(1))
t('str(1.5)', lambda: str(1.5))
t('str(None)', lambda: str(None))
t('str([1, "a"])', lambda: str([1, "a"]))
t('str(b"x")', lambda: str(b"x"))
t('str(object="q")', lambda: str(object="q"))
t('str(object=5)', lambda: str(object=5))
t('str(x=1)', lambda: str(x=1))
t('str(1, 2, 3, 4)', lambda: str(1, 2, 3, 4))
t('str(b"ab", "utf-8")', lambda: str(b"ab", "utf-8"))
t('str(b"ab", encoding="ascii")', lambda: str(b"ab", encoding="ascii"))
t('str(encoding="ascii")', lambda: str(encoding="ascii"))
t('str(errors="strict")', lambda: str(errors="strict"))
t('str("a", encoding="ascii")', lambda: str("a", encoding="ascii"))
t('str(S("sub"))', lambda: str(S("sub")))
t('type(str(S("sub")))', lambda: type(str(S("sub"))))
t('str(S("sub")) == "sub"', lambda: str(S("sub")) == "sub")
t('S("x") + "y"', lambda: S("x") + "y")
t('type(S("x") + "y")', lambda: type(S("x") + "y"))
t('S("ab")[0]', lambda: S("ab")[0])
t('type(S("ab")[:])', lambda: type(S("ab")[:]))
t('S("ab").upper()', lambda: S("ab").upper())
t('type(S("ab").upper())', lambda: type(S("ab").upper()))
t('repr(S("ab"))', lambda: repr(S("ab")))
t('str(R())', lambda: str(R()))
t('repr(R())', lambda: repr(R()))
t('str(B())', lambda: str(B()))
t('len(S("abc"))', lambda: len(S("abc")))
t('S("a") == "a"', lambda: S("a") == "a")
t('hash(S("a")) == hash("a")', lambda: hash(S("a")) == hash("a"))
t('S("x") * 2', lambda: S("x") * 2)
t('isinstance(S("x"), str)', lambda: isinstance(S("x"), str))
t('"%s" % S("v")', lambda: "%s" % S("v"))
t('"{}".format(S("v"))', lambda: "{}".format(S("v")))
t('str.__new__(S, "z")', lambda: str.__new__(S, "z"))
t('type(str.__new__(S, "z"))', lambda: type(str.__new__(S, "z")))
