# str.expandtabs

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"a\\tb".expandtabs()', lambda: "a\tb".expandtabs())
t('"a\\tb".expandtabs(4)', lambda: "a\tb".expandtabs(4))
t('"\\tab\\tc".expandtabs(3)', lambda: "\tab\tc".expandtabs(3))
t('"ab\\tc\\nd\\te".expandtabs(4)', lambda: "ab\tc\nd\te".expandtabs(4))
t('"a\\r\\tb".expandtabs(4)', lambda: "a\r\tb".expandtabs(4))
t('"a\\tb".expandtabs(0)', lambda: "a\tb".expandtabs(0))
t('"a\\tb".expandtabs(-1)', lambda: "a\tb".expandtabs(-1))
t('"a\\tb".expandtabs(1)', lambda: "a\tb".expandtabs(1))
t('"".expandtabs()', lambda: "".expandtabs())
t('"no tabs".expandtabs()', lambda: "no tabs".expandtabs())
t('"\\u20ac\\tx".expandtabs(4)', lambda: "\u20ac\tx".expandtabs(4))
t('"a\\tb".expandtabs(tabsize=2)', lambda: "a\tb".expandtabs(tabsize=2))
t('"a\\tb".expandtabs("2")', lambda: "a\tb".expandtabs("2"))
t('"a\\tb".expandtabs(2, 3)', lambda: "a\tb".expandtabs(2, 3))
t('"a\\tb".expandtabs(size=2)', lambda: "a\tb".expandtabs(size=2))
t('"12345678\\tx".expandtabs()', lambda: "12345678\tx".expandtabs())
t('"\\t\\t".expandtabs(2)', lambda: "\t\t".expandtabs(2))
t('"a\\x0b\\tb".expandtabs(4)', lambda: "a\x0b\tb".expandtabs(4))
