# str.startswith and endswith

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"hello".startswith("he")', lambda: "hello".startswith("he"))
t('"hello".startswith("lo")', lambda: "hello".startswith("lo"))
t('"hello".endswith("lo")', lambda: "hello".endswith("lo"))
t('"hello".startswith("")', lambda: "hello".startswith(""))
t('"hello".endswith("")', lambda: "hello".endswith(""))
t('"hello".startswith(("x", "he"))', lambda: "hello".startswith(("x", "he")))
t('"hello".startswith(())', lambda: "hello".startswith(()))
t('"hello".endswith(("o",))', lambda: "hello".endswith(("o",)))
t('"hello".startswith("ll", 2)', lambda: "hello".startswith("ll", 2))
t('"hello".startswith("ll", 2, 3)', lambda: "hello".startswith("ll", 2, 3))
t('"hello".startswith("ll", 2, 4)', lambda: "hello".startswith("ll", 2, 4))
t('"hello".endswith("l", 0, 4)', lambda: "hello".endswith("l", 0, 4))
t('"hello".startswith("h", -5)', lambda: "hello".startswith("h", -5))
t('"hello".startswith("o", -1)', lambda: "hello".startswith("o", -1))
t('"hello".startswith("", 5)', lambda: "hello".startswith("", 5))
t('"hello".startswith("", 6)', lambda: "hello".startswith("", 6))
t('"hello".endswith("", 3, 2)', lambda: "hello".endswith("", 3, 2))
t('"hello".startswith("he", None, None)', lambda: "hello".startswith("he", None, None))
t('"hello".startswith(1)', lambda: "hello".startswith(1))
t('"hello".startswith(("he", 1))', lambda: "hello".startswith(("he", 1)))
t('"hello".startswith((1, "he"))', lambda: "hello".startswith((1, "he")))
t('"hello".endswith(["o"])', lambda: "hello".endswith(["o"]))
t('"hello".startswith()', lambda: "hello".startswith())
t('"hello".startswith("h", 0, 1, 2)', lambda: "hello".startswith("h", 0, 1, 2))
t('"hello".startswith("h", "0")', lambda: "hello".startswith("h", "0"))
t('"h\\xe9llo".startswith("h\\xe9")', lambda: "h\xe9llo".startswith("h\xe9"))
t('"\\u20acx".endswith("x")', lambda: "\u20acx".endswith("x"))
t('"x".startswith(prefix="x")', lambda: "x".startswith(prefix="x"))
t('"hello".endswith("hello", -100)', lambda: "hello".endswith("hello", -100))
t('"hello".startswith("hello", 0, 100)', lambda: "hello".startswith("hello", 0, 100))
