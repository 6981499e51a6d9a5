# bytearray construction, repr, comparison and the operators it shares with bytes

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


class BA(bytearray):
    pass


t('bytearray()', lambda: bytearray())
t('bytearray(3)', lambda: bytearray(3))
t('bytearray(b"abc")', lambda: bytearray(b"abc"))
t('bytearray([1, 2, 255])', lambda: bytearray([1, 2, 255]))
t('bytearray("h\\xe9", "utf-8")', lambda: bytearray("h\xe9", "utf-8"))
t('bytearray("abc")', lambda: bytearray("abc"))
t('bytearray(1.5)', lambda: bytearray(1.5))
t('bytearray([256])', lambda: bytearray([256]))
t('bytearray(-1)', lambda: bytearray(-1))
t('bytearray(b"a", "ascii")', lambda: bytearray(b"a", "ascii"))
t('repr(bytearray(b"a\'b"))', lambda: repr(bytearray(b"a'b")))
t('repr(bytearray(b"a\'\\"b"))', lambda: repr(bytearray(b"a'\"b")))
t('repr(bytearray(b"\\x00\\\\"))', lambda: repr(bytearray(b"\x00\\")))
t('str(bytearray(b"x"))', lambda: str(bytearray(b"x")))
t('repr(BA(b"x"))', lambda: repr(BA(b"x")))
t('bytearray(b"ab") + b"cd"', lambda: bytearray(b"ab") + b"cd")
t('type(bytearray(b"ab") + b"cd")', lambda: type(bytearray(b"ab") + b"cd"))
t('bytearray(b"ab") * 2', lambda: bytearray(b"ab") * 2)
t('bytearray(b"ab") == b"ab"', lambda: bytearray(b"ab") == b"ab")
t('bytearray(b"ab") < b"b"', lambda: bytearray(b"ab") < b"b")
t('b"b" in bytearray(b"abc")', lambda: b"b" in bytearray(b"abc"))
t('98 in bytearray(b"abc")', lambda: 98 in bytearray(b"abc"))
t('hash(bytearray())', lambda: hash(bytearray()))
t('list(bytearray(b"hi"))', lambda: list(bytearray(b"hi")))
t('type(iter(bytearray()))', lambda: type(iter(bytearray())))
t('bytearray(b"abc")[1]', lambda: bytearray(b"abc")[1])
t('bytearray(b"abc")[1:]', lambda: bytearray(b"abc")[1:])
t('bytearray(b"abc")[5]', lambda: bytearray(b"abc")[5])
t('bytearray(b"abc")["x"]', lambda: bytearray(b"abc")["x"])
t('bytearray(b"abc").upper()', lambda: bytearray(b"abc").upper())
t('bytearray(b"a,b").split(b",")', lambda: bytearray(b"a,b").split(b","))
t('bytearray(b"  x ").strip()', lambda: bytearray(b"  x ").strip())
t('bytearray(b"abc").find(b"c")', lambda: bytearray(b"abc").find(b"c"))
t('bytearray(b"abc").decode()', lambda: bytearray(b"abc").decode())
t('bytearray(b"abc").hex()', lambda: bytearray(b"abc").hex())
t('bytearray(b"a-b").replace(b"-", b"+")', lambda: bytearray(b"a-b").replace(b"-", b"+"))
t('bytearray(b",").join([b"a", b"b"])', lambda: bytearray(b",").join([b"a", b"b"]))
t('len(bytearray(b"abc"))', lambda: len(bytearray(b"abc")))
t('bytearray(range(3))', lambda: bytearray(range(3)))
t('bytearray(x=1)', lambda: bytearray(x=1))
t('bytearray(b"ab") + "c"', lambda: bytearray(b"ab") + "c")
t('bytearray(b"abc").partition(b"b")', lambda: bytearray(b"abc").partition(b"b"))
t('bytearray(b"x").center(5, b"*")', lambda: bytearray(b"x").center(5, b"*"))
t('bytearray(b"x") * -1', lambda: bytearray(b"x") * -1)
t('bytearray(iter([65]))', lambda: bytearray(iter([65])))
