# str.maketrans and str.translate

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('str.maketrans("abc", "xyz")', lambda: str.maketrans("abc", "xyz"))
t('str.maketrans("ab", "xy", "c")', lambda: str.maketrans("ab", "xy", "c"))
t('str.maketrans({"a": "1", 98: None, "c": 99})', lambda: str.maketrans({"a": "1", 98: None, "c": 99}))
t('str.maketrans({})', lambda: str.maketrans({}))
t('"".maketrans("a", "b")', lambda: "".maketrans("a", "b"))
t('"abcabc".translate(str.maketrans("abc", "xyz"))', lambda: "abcabc".translate(str.maketrans("abc", "xyz")))
t('"abcd".translate(str.maketrans("ab", "xy", "cd"))', lambda: "abcd".translate(str.maketrans("ab", "xy", "cd")))
t('"abc".translate({97: "AA", 98: None})', lambda: "abc".translate({97: "AA", 98: None}))
t('"abc".translate({97: 0x20ac})', lambda: "abc".translate({97: 0x20ac}))
t('"abc".translate([])', lambda: "abc".translate([]))
t('"abc".translate({97: 1.5})', lambda: "abc".translate({97: 1.5}))
t('"abc".translate({97: -1})', lambda: "abc".translate({97: -1}))
t('"abc".translate({97: 0x110000})', lambda: "abc".translate({97: 0x110000}))
t('"abc".translate({})', lambda: "abc".translate({}))
t('"abc".translate("xyz")', lambda: "abc".translate("xyz"))
t('"abc".translate(None)', lambda: "abc".translate(None))
t('str.maketrans("a", "bc")', lambda: str.maketrans("a", "bc"))
t('str.maketrans(1)', lambda: str.maketrans(1))
t('str.maketrans("a", 1)', lambda: str.maketrans("a", 1))
t('str.maketrans(1, "a")', lambda: str.maketrans(1, "a"))
t('str.maketrans("a", "b", 1)', lambda: str.maketrans("a", "b", 1))
t('str.maketrans({"ab": 1})', lambda: str.maketrans({"ab": 1}))
t('str.maketrans({1.5: 1})', lambda: str.maketrans({1.5: 1}))
t('str.maketrans([1])', lambda: str.maketrans([1]))
t('str.maketrans()', lambda: str.maketrans())
t('str.maketrans("a", "b", "c", "d")', lambda: str.maketrans("a", "b", "c", "d"))
t('"\\xe9".translate({0xe9: "e"})', lambda: "\xe9".translate({0xe9: "e"}))
t('"abc".translate(str.maketrans("", "", "b"))', lambda: "abc".translate(str.maketrans("", "", "b")))
