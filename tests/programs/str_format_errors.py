# str.format errors in the format string

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"{".format()', lambda: "{".format())
t('"}".format()', lambda: "}".format())
t('"a{b".format()', lambda: "a{b".format())
t('"a}b".format()', lambda: "a}b".format())
t('"{0!}".format(1)', lambda: "{0!}".format(1))
t('"{0!x}".format(1)', lambda: "{0!x}".format(1))
t('"{0!rr}".format(1)', lambda: "{0!rr}".format(1))
t('"{0!".format(1)', lambda: "{0!".format(1))
t('"{0:".format(1)', lambda: "{0:".format(1))
t('"{0".format(1)', lambda: "{0".format(1))
t('"{0[}".format(1)', lambda: "{0[}".format(1))
t('"{0]}".format(1)', lambda: "{0]}".format(1))
t('"{0.}".format(1)', lambda: "{0.}".format(1))
t('"{0..a}".format(1)', lambda: "{0..a}".format(1))
t('"{0[]}".format([1])', lambda: "{0[]}".format([1]))
t('"{0[0]x}".format([1])', lambda: "{0[0]x}".format([1]))
t('"{0[0}".format([1])', lambda: "{0[0}".format([1]))
t('"{:{:{}}}".format("a", "b", "c")', lambda: "{:{:{}}}".format("a", "b", "c"))
t('"{a{b}c}".format()', lambda: "{a{b}c}".format())
t('"{!}".format(1)', lambda: "{!}".format(1))
t('"{:s}".format("x")', lambda: "{:s}".format("x"))
t('"{:d}".format("x")', lambda: "{:d}".format("x"))
t('"{:}}".format("x")', lambda: "{:}}".format("x"))
t('"{0:{a}}".format("x")', lambda: "{0:{a}}".format("x"))
t('"{99999999999999999999}".format()', lambda: "{99999999999999999999}".format())
t('"{0:{}}".format("x", 3)', lambda: "{0:{}}".format("x", 3))
t('"x".format(1, 2)', lambda: "x".format(1, 2))
