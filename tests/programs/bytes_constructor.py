# the bytes constructor in all its forms

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
        return b"from __bytes__"

class BadBytes:
    def __bytes__(self):
        return "no"

class Idx:
    def __index__(self):
        return 2

class B(bytes):
    pass


t('bytes()', lambda: bytes())
t('bytes(3)', lambda: bytes(3))
t('bytes(0)', lambda: bytes(0))
t('bytes([65, 66, 67])', lambda: bytes([65, 66, 67]))
t('bytes((1, 2))', lambda: bytes((1, 2)))
t('bytes(range(5))', lambda: bytes(range(5)))
t('bytes(b"abc")', lambda: bytes(b"abc"))
t('bytes(bytearray(b"xy"))', lambda: bytes(bytearray(b"xy")))
t('bytes("h\\xe9", "utf-8")', lambda: bytes("h\xe9", "utf-8"))
t('bytes("h\\xe9", "latin-1")', lambda: bytes("h\xe9", "latin-1"))
t('bytes("abc", encoding="ascii")', lambda: bytes("abc", encoding="ascii"))
t('bytes("h\\xe9", "ascii", "replace")', lambda: bytes("h\xe9", "ascii", "replace"))
t('bytes("h\\xe9", "ascii")', lambda: bytes("h\xe9", "ascii"))
t('bytes("abc")', lambda: bytes("abc"))
t('bytes(1.5)', lambda: bytes(1.5))
t('bytes(None)', lambda: bytes(None))
t('bytes([300])', lambda: bytes([300]))
t('bytes([-1])', lambda: bytes([-1]))
t('bytes(["a"])', lambda: bytes(["a"]))
t('bytes(-1)', lambda: bytes(-1))
t('bytes(1, "ascii")', lambda: bytes(1, "ascii"))
t('bytes(b"a", "ascii")', lambda: bytes(b"a", "ascii"))
t('bytes("a", errors="strict")', lambda: bytes("a", errors="strict"))
t('bytes(x=1)', lambda: bytes(x=1))
t('bytes(source=b"q")', lambda: bytes(source=b"q"))
t('bytes(HasBytes())', lambda: bytes(HasBytes()))
t('bytes(BadBytes())', lambda: bytes(BadBytes()))
t('bytes(Idx())', lambda: bytes(Idx()))
t('bytes([Idx()])', lambda: bytes([Idx()]))
t('bytes(iter([1, 2]))', lambda: bytes(iter([1, 2])))
t('bytes({1: "a"})', lambda: bytes({1: "a"}))
t('bytes(True)', lambda: bytes(True))
t('bytes(1, 2, 3, 4)', lambda: bytes(1, 2, 3, 4))
t('type(bytes(B(b"x")))', lambda: type(bytes(B(b"x"))))
t('B(b"ab")', lambda: B(b"ab"))
t('type(B(b"ab"))', lambda: type(B(b"ab")))
t('B(b"ab") == b"ab"', lambda: B(b"ab") == b"ab")
t('type(B(b"ab")[0:1])', lambda: type(B(b"ab")[0:1]))
t('bytes(2**70)', lambda: bytes(2**70))
