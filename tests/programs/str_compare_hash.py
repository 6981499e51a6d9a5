# str comparison and hashing

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"a" < "b"', lambda: "a" < "b")
t('"a" < "ab"', lambda: "a" < "ab")
t('"b" > "ab"', lambda: "b" > "ab")
t('"abc" == "abc"', lambda: "abc" == "abc")
t('"abc" != "abd"', lambda: "abc" != "abd")
t('"" < "a"', lambda: "" < "a")
t('"A" < "a"', lambda: "A" < "a")
t('"\\xe9" > "z"', lambda: "\xe9" > "z")
t('"\\u20ac" > "\\xe9"', lambda: "\u20ac" > "\xe9")
t('"\\U0001f600" > "\\uffff"', lambda: "\U0001f600" > "\uffff")
t('"a" <= "a"', lambda: "a" <= "a")
t('"a" >= "b"', lambda: "a" >= "b")
t('"a" == 1', lambda: "a" == 1)
t('"a" != 1', lambda: "a" != 1)
t('"a" < 1', lambda: "a" < 1)
t('"1" > 1', lambda: "1" > 1)
t('sorted(["b", "\\xe9", "a", "B", "\\u20ac", ""])', lambda: sorted(["b", "\xe9", "a", "B", "\u20ac", ""]))
t('hash("") == 0', lambda: hash("") == 0)
t('hash("abc") == hash("ab" + "c")', lambda: hash("abc") == hash("ab" + "c"))
t('hash("\\xe9t\\xe9") == hash("\\xe9" + "t\\xe9")', lambda: hash("\xe9t\xe9") == hash("\xe9" + "t\xe9"))
t('hash("\\u20ac") == hash("\\u20acx"[:1])', lambda: hash("\u20ac") == hash("\u20acx"[:1]))
t('hash("abc")', lambda: hash("abc"))
t('hash("\\xe9")', lambda: hash("\xe9"))
t('hash("\\u20ac")', lambda: hash("\u20ac"))
t('hash("\\U0001f600")', lambda: hash("\U0001f600"))
t('{"a": 1, "\\xe9": 2}["\\xe9"]', lambda: {"a": 1, "\xe9": 2}["\xe9"])
t('len({"a", "a", "b"})', lambda: len({"a", "a", "b"}))
t('max("abc")', lambda: max("abc"))
t('min("abc")', lambda: min("abc"))
t('"a" < "a\\x00"', lambda: "a" < "a\x00")
t('"\\x00" < "\\x01"', lambda: "\x00" < "\x01")
t('["b", "a"] < ["b", "b"]', lambda: ["b", "a"] < ["b", "b"])
