# str.strip, lstrip and rstrip

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"  abc  ".strip()', lambda: "  abc  ".strip())
t('"  abc  ".lstrip()', lambda: "  abc  ".lstrip())
t('"  abc  ".rstrip()', lambda: "  abc  ".rstrip())
t('"\\t\\n abc \\r\\x0b\\x0c".strip()', lambda: "\t\n abc \r\x0b\x0c".strip())
t('"\\xa0\\u3000abc\\u2000".strip()', lambda: "\xa0\u3000abc\u2000".strip())
t('"".strip()', lambda: "".strip())
t('"   ".strip()', lambda: "   ".strip())
t('"xxabcxx".strip("x")', lambda: "xxabcxx".strip("x"))
t('"xyabcyx".strip("xy")', lambda: "xyabcyx".strip("xy"))
t('"abc".strip("")', lambda: "abc".strip(""))
t('"abc".strip("abc")', lambda: "abc".strip("abc"))
t('"abcba".lstrip("ab")', lambda: "abcba".lstrip("ab"))
t('"abcba".rstrip("ab")', lambda: "abcba".rstrip("ab"))
t('"\\u20acabc\\u20ac".strip("\\u20ac")', lambda: "\u20acabc\u20ac".strip("\u20ac"))
t('"abc".strip(None)', lambda: "abc".strip(None))
t('"  a  ".strip(None)', lambda: "  a  ".strip(None))
t('"abc".strip(1)', lambda: "abc".strip(1))
t('"abc".lstrip(1)', lambda: "abc".lstrip(1))
t('"abc".rstrip(1)', lambda: "abc".rstrip(1))
t('"abc".strip("a", "b")', lambda: "abc".strip("a", "b"))
t('"abc".strip(chars="a")', lambda: "abc".strip(chars="a"))
t('"\\U0001f600a\\U0001f600".strip("\\U0001f600")', lambda: "\U0001f600a\U0001f600".strip("\U0001f600"))
t('"aaa".strip("a")', lambda: "aaa".strip("a"))
t('"\\x1cabc\\x1f".strip()', lambda: "\x1cabc\x1f".strip())
t('"\\x85x\\x85".strip()', lambda: "\x85x\x85".strip())
