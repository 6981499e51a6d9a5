# bytes find, rfind, index, rindex, count, startswith and endswith

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('b"hello".find(b"l")', lambda: b"hello".find(b"l"))
t('b"hello".rfind(b"l")', lambda: b"hello".rfind(b"l"))
t('b"hello".find(108)', lambda: b"hello".find(108))
t('b"hello".find(b"z")', lambda: b"hello".find(b"z"))
t('b"hello".find(b"")', lambda: b"hello".find(b""))
t('b"hello".find(b"l", 3)', lambda: b"hello".find(b"l", 3))
t('b"hello".find(b"l", -2, -1)', lambda: b"hello".find(b"l", -2, -1))
t('b"hello".find(bytearray(b"lo"))', lambda: b"hello".find(bytearray(b"lo")))
t('b"hello".index(b"e")', lambda: b"hello".index(b"e"))
t('b"hello".index(b"z")', lambda: b"hello".index(b"z"))
t('b"hello".rindex(b"z")', lambda: b"hello".rindex(b"z"))
t('b"hello".rindex(108)', lambda: b"hello".rindex(108))
t('b"hello".find("l")', lambda: b"hello".find("l"))
t('b"hello".find(300)', lambda: b"hello".find(300))
t('b"hello".find(-1)', lambda: b"hello".find(-1))
t('b"hello".find()', lambda: b"hello".find())
t('b"hello".find(b"l", 1, 2, 3)', lambda: b"hello".find(b"l", 1, 2, 3))
t('b"hello".count(b"l")', lambda: b"hello".count(b"l"))
t('b"hello".count(108)', lambda: b"hello".count(108))
t('b"hello".count(b"")', lambda: b"hello".count(b""))
t('b"aaaa".count(b"aa")', lambda: b"aaaa".count(b"aa"))
t('b"hello".count(b"l", 3)', lambda: b"hello".count(b"l", 3))
t('b"hello".count("l")', lambda: b"hello".count("l"))
t('b"hello".find(x=1)', lambda: b"hello".find(x=1))
t('b"hello".startswith(b"he")', lambda: b"hello".startswith(b"he"))
t('b"hello".startswith((b"x", b"he"))', lambda: b"hello".startswith((b"x", b"he")))
t('b"hello".endswith(b"lo")', lambda: b"hello".endswith(b"lo"))
t('b"hello".endswith(bytearray(b"o"))', lambda: b"hello".endswith(bytearray(b"o")))
t('b"hello".startswith(b"l", 2)', lambda: b"hello".startswith(b"l", 2))
t('b"hello".startswith("he")', lambda: b"hello".startswith("he"))
t('b"hello".startswith((b"he", "x"))', lambda: b"hello".startswith((b"he", "x")))
t('b"hello".startswith(("x", b"he"))', lambda: b"hello".startswith(("x", b"he")))
t('b"hello".endswith(b"", 5)', lambda: b"hello".endswith(b"", 5))
t('b"hello".endswith(b"", 6)', lambda: b"hello".endswith(b"", 6))
t('b"hello".startswith()', lambda: b"hello".startswith())
t('b"hello".startswith(104)', lambda: b"hello".startswith(104))
