# str.split with and without a separator

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"a b  c".split()', lambda: "a b  c".split())
t('"  a b  c  ".split()', lambda: "  a b  c  ".split())
t('"".split()', lambda: "".split())
t('"   ".split()', lambda: "   ".split())
t('"a\\tb\\nc\\rd\\x0be\\x0cf\\x1cg\\x1dh\\x1ei\\x1fj\\x85k\\xa0l\\u2000m\\u3000n".split()', lambda: "a\tb\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x1fj\x85k\xa0l\u2000m\u3000n".split())
t('"a b c".split(None, 1)', lambda: "a b c".split(None, 1))
t('"a b c".split(maxsplit=1)', lambda: "a b c".split(maxsplit=1))
t('"  a b c  ".split(None, 1)', lambda: "  a b c  ".split(None, 1))
t('"a b c".split(None, 0)', lambda: "a b c".split(None, 0))
t('"  a b c  ".split(None, 0)', lambda: "  a b c  ".split(None, 0))
t('"a b c".split(None, -1)', lambda: "a b c".split(None, -1))
t('"a,b,,c".split(",")', lambda: "a,b,,c".split(","))
t('",a,".split(",")', lambda: ",a,".split(","))
t('"".split(",")', lambda: "".split(","))
t('"abc".split(",")', lambda: "abc".split(","))
t('"a,b,c".split(",", 1)', lambda: "a,b,c".split(",", 1))
t('"a,b,c".split(",", 0)', lambda: "a,b,c".split(",", 0))
t('"a::b::c".split("::")', lambda: "a::b::c".split("::"))
t('"aaa".split("a")', lambda: "aaa".split("a"))
t('"aaaa".split("aa")', lambda: "aaaa".split("aa"))
t('"a,b".split(",", -5)', lambda: "a,b".split(",", -5))
t('"a,b".split(sep=",")', lambda: "a,b".split(sep=","))
t('"a b".split(sep=None)', lambda: "a b".split(sep=None))
t('"a\\u20acb\\u20acc".split("\\u20ac")', lambda: "a\u20acb\u20acc".split("\u20ac"))
t('"\\xe9,\\xe9".split(",")', lambda: "\xe9,\xe9".split(","))
t('"a,b".split("")', lambda: "a,b".split(""))
t('"a,b".split(1)', lambda: "a,b".split(1))
t('"a,b".split(",", "x")', lambda: "a,b".split(",", "x"))
t('"a,b".split(",", 1.0)', lambda: "a,b".split(",", 1.0))
t('"a b".split(None, None)', lambda: "a b".split(None, None))
t('"a,b".split(",", 1, 2)', lambda: "a,b".split(",", 1, 2))
t('"a".split(foo=1)', lambda: "a".split(foo=1))
t('"a,b".split(",", maxsplit=1)', lambda: "a,b".split(",", maxsplit=1))
t('"a,b".split(",", sep=",")', lambda: "a,b".split(",", sep=","))
t('"x\\U0001f600y".split("\\U0001f600")', lambda: "x\U0001f600y".split("\U0001f600"))
t('"abc".split("abcd")', lambda: "abc".split("abcd"))
t('"abc".split("abc")', lambda: "abc".split("abc"))
