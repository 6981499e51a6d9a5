# str iteration, concatenation, repetition and membership

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


s = 'hello'
u = 'h\xe9llo\u20ac'
w = 'a\U0001f600b'

t('list(s)', lambda: list(s))
t('list(u)', lambda: list(u))
t('list(w)', lambda: list(w))
t('list("")', lambda: list(""))
t('[c for c in "abc"]', lambda: [c for c in "abc"])
t('tuple(iter(s))', lambda: tuple(iter(s)))
t('next(iter("a"))', lambda: next(iter("a")))
t('s + "!"', lambda: s + "!")
t('s + u', lambda: s + u)
t('u + w', lambda: u + w)
t('"" + ""', lambda: "" + "")
t('s + 1', lambda: s + 1)
t('s + None', lambda: s + None)
t('1 + s', lambda: 1 + s)
t('s * 3', lambda: s * 3)
t('3 * s', lambda: 3 * s)
t('s * 0', lambda: s * 0)
t('s * -1', lambda: s * -1)
t('u * 2', lambda: u * 2)
t('w * 2', lambda: w * 2)
t('s * 1.5', lambda: s * 1.5)
t('s * "a"', lambda: s * "a")
t('"ab" * True', lambda: "ab" * True)
t('"" * 100', lambda: "" * 100)
t('s * (2**70)', lambda: s * (2**70))
t('"ll" in s', lambda: "ll" in s)
t('"" in s', lambda: "" in s)
t('"z" in s', lambda: "z" in s)
t('"\\xe9" in u', lambda: "\xe9" in u)
t('"\\U0001f600" in w', lambda: "\U0001f600" in w)
t('1 in s', lambda: 1 in s)
t('None in s', lambda: None in s)
t('"\\u20ac" in s', lambda: "\u20ac" in s)
t('s in s', lambda: s in s)
t('str(s)', lambda: str(s))
t('repr(u)', lambda: repr(u))
t('repr(w)', lambda: repr(w))
t('repr("\'")', lambda: repr("'"))
t('repr("\\"\'")', lambda: repr("\"'"))
t('repr("a\\nb\\t\\\\")', lambda: repr("a\nb\t\\"))
t('repr("\\x00\\x7f\\x80\\xa0\\xff")', lambda: repr("\x00\x7f\x80\xa0\xff"))
t('repr("\\u0378\\u2028\\ud800")', lambda: repr("\u0378\u2028\ud800"))
t('repr("\\U000e0001\\U0010ffff")', lambda: repr("\U000e0001\U0010ffff"))
