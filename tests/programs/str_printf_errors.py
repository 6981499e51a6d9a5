# printf-style formatting errors

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"%d" % "x"', lambda: "%d" % "x")
t('"%x" % 1.5', lambda: "%x" % 1.5)
t('"%o" % "7"', lambda: "%o" % "7")
t('"%f" % "1.5"', lambda: "%f" % "1.5")
t('"%e" % None', lambda: "%e" % None)
t('"%c" % "ab"', lambda: "%c" % "ab")
t('"%c" % 1.5', lambda: "%c" % 1.5)
t('"%c" % -1', lambda: "%c" % -1)
t('"%c" % 0x110000', lambda: "%c" % 0x110000)
t('"%s %s" % (1,)', lambda: "%s %s" % (1,))
t('"%s" % (1, 2)', lambda: "%s" % (1, 2))
t('"abc" % 1', lambda: "abc" % 1)
t('"%" % 1', lambda: "%" % 1)
t('"%5" % 1', lambda: "%5" % 1)
t('"%z" % 1', lambda: "%z" % 1)
t('"%\\u20ac" % 1', lambda: "%\u20ac" % 1)
t('"%(a)s" % 1', lambda: "%(a)s" % 1)
t('"%(a)s" % {}', lambda: "%(a)s" % {})
t('"%(a" % {"a": 1}', lambda: "%(a" % {"a": 1})
t('"%*d" % ("x", 1)', lambda: "%*d" % ("x", 1))
t('"%.*f" % (1.5, 1)', lambda: "%.*f" % (1.5, 1))
t('"%d" % [1]', lambda: "%d" % [1])
t('"%d" % None', lambda: "%d" % None)
t('"%s" % ()', lambda: "%s" % ())
t('"%(a)s %s" % {"a": 1}', lambda: "%(a)s %s" % {"a": 1})
t('"%x" % "a"', lambda: "%x" % "a")
t('"%i" % 1j', lambda: "%i" % 1j)
t('"%d" % float("inf")', lambda: "%d" % float("inf"))
t('"%d" % float("nan")', lambda: "%d" % float("nan"))
t('"%y" % ()', lambda: "%y" % ())
t('"%ld" % 5', lambda: "%ld" % 5)
t('"%5.2%" % ()', lambda: "%5.2%" % ())
t('"%-%" % ()', lambda: "%-%" % ())
