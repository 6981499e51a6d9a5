# str.center, ljust, rjust and zfill

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"abc".center(9)', lambda: "abc".center(9))
t('"abc".center(8)', lambda: "abc".center(8))
t('"ab".center(7)', lambda: "ab".center(7))
t('"ab".center(8)', lambda: "ab".center(8))
t('"abc".center(9, "*")', lambda: "abc".center(9, "*"))
t('"abc".center(2)', lambda: "abc".center(2))
t('"abc".center(-1)', lambda: "abc".center(-1))
t('"".center(4, "x")', lambda: "".center(4, "x"))
t('"a".center(4, "\\u20ac")', lambda: "a".center(4, "\u20ac"))
t('"abc".ljust(6)', lambda: "abc".ljust(6))
t('"abc".ljust(6, "-")', lambda: "abc".ljust(6, "-"))
t('"abc".rjust(6)', lambda: "abc".rjust(6))
t('"abc".rjust(6, "0")', lambda: "abc".rjust(6, "0"))
t('"abc".ljust(2)', lambda: "abc".ljust(2))
t('"\\xe9".rjust(3, "\\U0001f600")', lambda: "\xe9".rjust(3, "\U0001f600"))
t('"abc".center(5, "ab")', lambda: "abc".center(5, "ab"))
t('"abc".center(5, "")', lambda: "abc".center(5, ""))
t('"abc".center(5, 1)', lambda: "abc".center(5, 1))
t('"abc".center("5")', lambda: "abc".center("5"))
t('"abc".center(5.0)', lambda: "abc".center(5.0))
t('"abc".center()', lambda: "abc".center())
t('"abc".ljust(5, " ", 1)', lambda: "abc".ljust(5, " ", 1))
t('"abc".rjust(width=5)', lambda: "abc".rjust(width=5))
t('"abc".center(True)', lambda: "abc".center(True))
t('"42".zfill(5)', lambda: "42".zfill(5))
t('"-42".zfill(5)', lambda: "-42".zfill(5))
t('"+42".zfill(5)', lambda: "+42".zfill(5))
t('"42".zfill(1)', lambda: "42".zfill(1))
t('"".zfill(3)', lambda: "".zfill(3))
t('"-".zfill(3)', lambda: "-".zfill(3))
t('"abc".zfill(5)', lambda: "abc".zfill(5))
t('"\\u20ac".zfill(3)', lambda: "\u20ac".zfill(3))
t('"42".zfill(-3)', lambda: "42".zfill(-3))
t('"42".zfill("5")', lambda: "42".zfill("5"))
t('"42".zfill()', lambda: "42".zfill())
t('"12".zfill(5, 1)', lambda: "12".zfill(5, 1))
t('" 42".zfill(5)', lambda: " 42".zfill(5))
t('"--1".zfill(5)', lambda: "--1".zfill(5))
