# printf-style formatting of bytes

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


class HasBytes:
    def __bytes__(self):
        return b"hb"


t('b"%s" % b"abc"', lambda: b"%s" % b"abc")
t('b"%s" % bytearray(b"xy")', lambda: b"%s" % bytearray(b"xy"))
t('b"%b" % b"q"', lambda: b"%b" % b"q")
t('b"%s" % "x"', lambda: b"%s" % "x")
t('b"%s" % 5', lambda: b"%s" % 5)
t('b"%s" % HasBytes()', lambda: b"%s" % HasBytes())
t('b"%r" % "x"', lambda: b"%r" % "x")
t('b"%a" % "\\xe9"', lambda: b"%a" % "\xe9")
t('b"%d" % 42', lambda: b"%d" % 42)
t('b"%05d" % -42', lambda: b"%05d" % -42)
t('b"%x" % 255', lambda: b"%x" % 255)
t('b"%#X" % 255', lambda: b"%#X" % 255)
t('b"%o" % 8', lambda: b"%o" % 8)
t('b"%.2f" % 3.14159', lambda: b"%.2f" % 3.14159)
t('b"%e" % 1.5', lambda: b"%e" % 1.5)
t('b"%g" % 1e-7', lambda: b"%g" % 1e-7)
t('b"%c" % 65', lambda: b"%c" % 65)
t('b"%c" % b"z"', lambda: b"%c" % b"z")
t('b"%c" % 256', lambda: b"%c" % 256)
t('b"%c" % "a"', lambda: b"%c" % "a")
t('b"%c" % b"ab"', lambda: b"%c" % b"ab")
t('b"%%"  % ()', lambda: b"%%"  % ())
t('b"%(k)s" % {b"k": b"v"}', lambda: b"%(k)s" % {b"k": b"v"})
t('b"%(k)s" % {"k": b"v"}', lambda: b"%(k)s" % {"k": b"v"})
t('b"%s %s" % (b"a",)', lambda: b"%s %s" % (b"a",))
t('b"abc" % 1', lambda: b"abc" % 1)
t('b"%d" % "x"', lambda: b"%d" % "x")
t('b"%x" % 1.5', lambda: b"%x" % 1.5)
t('b"%5s|" % b"ab"', lambda: b"%5s|" % b"ab")
t('b"%-5s|" % b"ab"', lambda: b"%-5s|" % b"ab")
t('b"%.1s" % b"ab"', lambda: b"%.1s" % b"ab")
t('bytearray(b"%s!") % b"x"', lambda: bytearray(b"%s!") % b"x")
t('type(bytearray(b"%s") % b"x")', lambda: type(bytearray(b"%s") % b"x"))
t('b"%z" % 1', lambda: b"%z" % 1)
t('b"%" % ()', lambda: b"%" % ())
t('b"%s" % [1]', lambda: b"%s" % [1])
t('b"%i" % True', lambda: b"%i" % True)
