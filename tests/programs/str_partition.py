# str.partition and rpartition

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"a=b=c".partition("=")', lambda: "a=b=c".partition("="))
t('"a=b=c".rpartition("=")', lambda: "a=b=c".rpartition("="))
t('"abc".partition("=")', lambda: "abc".partition("="))
t('"abc".rpartition("=")', lambda: "abc".rpartition("="))
t('"=abc".partition("=")', lambda: "=abc".partition("="))
t('"abc=".rpartition("=")', lambda: "abc=".rpartition("="))
t('"".partition("x")', lambda: "".partition("x"))
t('"a::b".partition("::")', lambda: "a::b".partition("::"))
t('"a\\u20acb".partition("\\u20ac")', lambda: "a\u20acb".partition("\u20ac"))
t('"abc".partition("")', lambda: "abc".partition(""))
t('"abc".partition(1)', lambda: "abc".partition(1))
t('"abc".partition()', lambda: "abc".partition())
t('"abc".partition("a", "b")', lambda: "abc".partition("a", "b"))
t('"abc".rpartition(None)', lambda: "abc".rpartition(None))
t('"aXbXc".rpartition("X")', lambda: "aXbXc".rpartition("X"))
t('"abc".partition("abc")', lambda: "abc".partition("abc"))
t('"abc".partition("abcd")', lambda: "abc".partition("abcd"))
