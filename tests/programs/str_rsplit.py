# str.rsplit

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"a b  c".rsplit()', lambda: "a b  c".rsplit())
t('"  a b  c  ".rsplit(None, 1)', lambda: "  a b  c  ".rsplit(None, 1))
t('"a b c".rsplit(maxsplit=0)', lambda: "a b c".rsplit(maxsplit=0))
t('"  a b c  ".rsplit(None, 0)', lambda: "  a b c  ".rsplit(None, 0))
t('"a,b,c".rsplit(",", 1)', lambda: "a,b,c".rsplit(",", 1))
t('"a,b,c".rsplit(",")', lambda: "a,b,c".rsplit(","))
t('",a,".rsplit(",")', lambda: ",a,".rsplit(","))
t('"aaa".rsplit("a", 1)', lambda: "aaa".rsplit("a", 1))
t('"aaaa".rsplit("aa")', lambda: "aaaa".rsplit("aa"))
t('"aaaaa".rsplit("aa", 1)', lambda: "aaaaa".rsplit("aa", 1))
t('"".rsplit()', lambda: "".rsplit())
t('"".rsplit("x")', lambda: "".rsplit("x"))
t('"a\\u20acb".rsplit("\\u20ac")', lambda: "a\u20acb".rsplit("\u20ac"))
t('"a,b".rsplit("")', lambda: "a,b".rsplit(""))
t('"a,b".rsplit(2)', lambda: "a,b".rsplit(2))
t('"a b c d".rsplit(None, 2)', lambda: "a b c d".rsplit(None, 2))
t('"a b".rsplit(sep=None, maxsplit=-1)', lambda: "a b".rsplit(sep=None, maxsplit=-1))
t('"x".rsplit(bad=2)', lambda: "x".rsplit(bad=2))
