# str.replace

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"hello".replace("l", "L")', lambda: "hello".replace("l", "L"))
t('"hello".replace("l", "L", 1)', lambda: "hello".replace("l", "L", 1))
t('"hello".replace("l", "L", 0)', lambda: "hello".replace("l", "L", 0))
t('"hello".replace("l", "L", -1)', lambda: "hello".replace("l", "L", -1))
t('"hello".replace("z", "L")', lambda: "hello".replace("z", "L"))
t('"hello".replace("", "-")', lambda: "hello".replace("", "-"))
t('"hello".replace("", "-", 2)', lambda: "hello".replace("", "-", 2))
t('"".replace("", "x")', lambda: "".replace("", "x"))
t('"".replace("a", "x")', lambda: "".replace("a", "x"))
t('"aaa".replace("a", "")', lambda: "aaa".replace("a", ""))
t('"aaaa".replace("aa", "b")', lambda: "aaaa".replace("aa", "b"))
t('"hello".replace("hello", "")', lambda: "hello".replace("hello", ""))
t('"abc".replace("b", "\\u20ac")', lambda: "abc".replace("b", "\u20ac"))
t('"a\\u20acb".replace("\\u20ac", "e")', lambda: "a\u20acb".replace("\u20ac", "e"))
t('"a\\U0001f600".replace("a", "b")', lambda: "a\U0001f600".replace("a", "b"))
t('"hello".replace(1, "x")', lambda: "hello".replace(1, "x"))
t('"hello".replace("l", 1)', lambda: "hello".replace("l", 1))
t('"hello".replace("l")', lambda: "hello".replace("l"))
t('"hello".replace("l", "x", "y")', lambda: "hello".replace("l", "x", "y"))
t('"hello".replace("l", "x", 1.0)', lambda: "hello".replace("l", "x", 1.0))
t('"hello".replace(old="l", new="x")', lambda: "hello".replace(old="l", new="x"))
t('"abcabc".replace("bc", "X", 1)', lambda: "abcabc".replace("bc", "X", 1))
t('"x".replace("x", "yy", 10**30)', lambda: "x".replace("x", "yy", 10**30))
