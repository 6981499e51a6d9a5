# str of every storage width, mixed in operations

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('len("\\xe9\\u20ac\\U0001f600")', lambda: len("\xe9\u20ac\U0001f600"))
t('"\\xe9" + "\\u20ac" + "\\U0001f600"', lambda: "\xe9" + "\u20ac" + "\U0001f600")
t('("\\U0001f600" + "a")[1:]', lambda: ("\U0001f600" + "a")[1:])
t('type(("\\u20ac" + "a")[1:])', lambda: type(("\u20ac" + "a")[1:]))
t('("\\u20ac" + "a")[1:] == "a"', lambda: ("\u20ac" + "a")[1:] == "a")
t('hash(("\\u20ac" + "a")[1:]) == hash("a")', lambda: hash(("\u20ac" + "a")[1:]) == hash("a"))
t('hash(("\\U0001f600\\xe9")[1:]) == hash("\\xe9")', lambda: hash(("\U0001f600\xe9")[1:]) == hash("\xe9"))
t('"\\xe9\\u20ac".find("\\u20ac")', lambda: "\xe9\u20ac".find("\u20ac"))
t('"a\\u20ac".replace("a", "\\U0001f600")', lambda: "a\u20ac".replace("a", "\U0001f600"))
t('"\\U0001f600" * 3', lambda: "\U0001f600" * 3)
t('list("\\xe9\\u20ac\\U0001f600")', lambda: list("\xe9\u20ac\U0001f600"))
t('"\\ud800"', lambda: "\ud800")
t('len("\\ud800\\udc00")', lambda: len("\ud800\udc00"))
t('"\\ud800\\udc00" == "\\U00010000"', lambda: "\ud800\udc00" == "\U00010000")
t('"\\ud83d\\ude00".encode("utf-8", "surrogatepass")', lambda: "\ud83d\ude00".encode("utf-8", "surrogatepass"))
t('chr(0xd800) + chr(0xdc00)', lambda: chr(0xd800) + chr(0xdc00))
t('ord("\\U0010ffff")', lambda: ord("\U0010ffff"))
t('sorted(["\\U0001f600", "\\uffff", "\\xff", "a"])', lambda: sorted(["\U0001f600", "\uffff", "\xff", "a"]))
t('"-".join(["\\xe9", "\\u20ac", "\\U0001f600"])', lambda: "-".join(["\xe9", "\u20ac", "\U0001f600"]))
t('"\\u20ac\\u20ac\\u20ac".split("\\u20ac")', lambda: "\u20ac\u20ac\u20ac".split("\u20ac"))
t('"\\xe9\\xe9".count("\\xe9")', lambda: "\xe9\xe9".count("\xe9"))
t('"A\\u20acB".lower()', lambda: "A\u20acB".lower())
t('"\\U0001f600".isprintable()', lambda: "\U0001f600".isprintable())
t('"%s\\u20ac" % "\\U0001f600"', lambda: "%s\u20ac" % "\U0001f600")
t('"{}\\xe9".format("\\u20ac")', lambda: "{}\xe9".format("\u20ac"))
t('"\\x80\\xff".upper()', lambda: "\x80\xff".upper())
t('"\\xe9" in "caf\\xe9"', lambda: "\xe9" in "caf\xe9")
t('"\\u20ac" in "caf\\xe9"', lambda: "\u20ac" in "caf\xe9")
t('"\\xe9" < "\\u20ac" < "\\U0001f600"', lambda: "\xe9" < "\u20ac" < "\U0001f600")
