# str.format_map

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


class M(dict):
    def __missing__(self, key):
        return key.upper()


t('"{a} {b}".format_map({"a": 1, "b": 2})', lambda: "{a} {b}".format_map({"a": 1, "b": 2}))
t('"{a}".format_map({})', lambda: "{a}".format_map({}))
t('"{}".format_map({})', lambda: "{}".format_map({}))
t('"{0}".format_map({0: 1})', lambda: "{0}".format_map({0: 1}))
t('"{a[x]}".format_map({"a": {"x": 5}})', lambda: "{a[x]}".format_map({"a": {"x": 5}}))
t('"{a.real}".format_map({"a": 3})', lambda: "{a.real}".format_map({"a": 3}))
t('"x".format_map({})', lambda: "x".format_map({}))
t('"{a}".format_map(1)', lambda: "{a}".format_map(1))
t('"{a}".format_map()', lambda: "{a}".format_map())
t('"{a}".format_map({}, {})', lambda: "{a}".format_map({}, {}))
t('"{a}".format_map(M())', lambda: "{a}".format_map(M()))
t('"{zz}".format_map(M())', lambda: "{zz}".format_map(M()))
t('"{a!r}".format_map({"a": "q"})', lambda: "{a!r}".format_map({"a": "q"}))
