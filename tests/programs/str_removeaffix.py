# str.removeprefix and removesuffix

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"hello".removeprefix("he")', lambda: "hello".removeprefix("he"))
t('"hello".removeprefix("lo")', lambda: "hello".removeprefix("lo"))
t('"hello".removesuffix("lo")', lambda: "hello".removesuffix("lo"))
t('"hello".removesuffix("he")', lambda: "hello".removesuffix("he"))
t('"hello".removeprefix("")', lambda: "hello".removeprefix(""))
t('"hello".removesuffix("")', lambda: "hello".removesuffix(""))
t('"hello".removeprefix("hello")', lambda: "hello".removeprefix("hello"))
t('"hello".removeprefix("hello!")', lambda: "hello".removeprefix("hello!"))
t('"\\u20acx".removeprefix("\\u20ac")', lambda: "\u20acx".removeprefix("\u20ac"))
t('"hello".removeprefix(1)', lambda: "hello".removeprefix(1))
t('"hello".removesuffix(None)', lambda: "hello".removesuffix(None))
t('"hello".removeprefix()', lambda: "hello".removeprefix())
t('"hello".removeprefix("h", "e")', lambda: "hello".removeprefix("h", "e"))
t('"aaa".removeprefix("a")', lambda: "aaa".removeprefix("a"))
t('"aaa".removesuffix("aa")', lambda: "aaa".removesuffix("aa"))
