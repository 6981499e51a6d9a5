# str.join

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('",".join(["a", "b", "c"])', lambda: ",".join(["a", "b", "c"]))
t('"".join([])', lambda: "".join([]))
t('"-".join(["x"])', lambda: "-".join(["x"]))
t('"-".join("abc")', lambda: "-".join("abc"))
t('", ".join(("a",))', lambda: ", ".join(("a",)))
t('"\\xe9".join(["a", "b"])', lambda: "\xe9".join(["a", "b"]))
t('"a".join(["\\u20ac", "\\U0001f600"])', lambda: "a".join(["\u20ac", "\U0001f600"]))
t('"".join(["ab", "", "cd"])', lambda: "".join(["ab", "", "cd"]))
t('",".join(iter(["p", "q"]))', lambda: ",".join(iter(["p", "q"])))
t('",".join({"k": 1})', lambda: ",".join({"k": 1}))
t('",".join([1, 2])', lambda: ",".join([1, 2]))
t('",".join(["a", 2])', lambda: ",".join(["a", 2]))
t('",".join(5)', lambda: ",".join(5))
t('",".join(None)', lambda: ",".join(None))
t('",".join()', lambda: ",".join())
t('",".join(["a"], ["b"])', lambda: ",".join(["a"], ["b"]))
t('"ab".join("12")', lambda: "ab".join("12"))
t('" ".join(["a\\nb", "c"])', lambda: " ".join(["a\nb", "c"]))
t('len("x".join(["a"] * 1000))', lambda: len("x".join(["a"] * 1000)))
