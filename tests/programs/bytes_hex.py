# bytes.hex and bytes.fromhex

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


class B(bytes):
    pass


t('b"\\x00\\xff\\x10".hex()', lambda: b"\x00\xff\x10".hex())
t('b"".hex()', lambda: b"".hex())
t('b"abc".hex(":")', lambda: b"abc".hex(":"))
t('b"abcdef".hex(":", 2)', lambda: b"abcdef".hex(":", 2))
t('b"abcde".hex(":", 2)', lambda: b"abcde".hex(":", 2))
t('b"abcde".hex(":", -2)', lambda: b"abcde".hex(":", -2))
t('b"abcde".hex(b"-", 3)', lambda: b"abcde".hex(b"-", 3))
t('b"abc".hex(" ", 0)', lambda: b"abc".hex(" ", 0))
t('b"abc".hex("::")', lambda: b"abc".hex("::"))
t('b"abc".hex("\\xe9")', lambda: b"abc".hex("\xe9"))
t('b"abc".hex(1)', lambda: b"abc".hex(1))
t('b"abc".hex(sep="_")', lambda: b"abc".hex(sep="_"))
t('b"abc".hex(bytes_per_sep=2)', lambda: b"abc".hex(bytes_per_sep=2))
t('bytearray(b"\\x01\\x02").hex()', lambda: bytearray(b"\x01\x02").hex())
t('bytes.fromhex("00ff10")', lambda: bytes.fromhex("00ff10"))
t('bytes.fromhex(" 01 02 ")', lambda: bytes.fromhex(" 01 02 "))
t('bytes.fromhex("")', lambda: bytes.fromhex(""))
t('bytes.fromhex("AbCd")', lambda: bytes.fromhex("AbCd"))
t('bytes.fromhex("a")', lambda: bytes.fromhex("a"))
t('bytes.fromhex("0g")', lambda: bytes.fromhex("0g"))
t('bytes.fromhex("zz")', lambda: bytes.fromhex("zz"))
t('bytes.fromhex("01 2")', lambda: bytes.fromhex("01 2"))
t('bytes.fromhex(b"01")', lambda: bytes.fromhex(b"01"))
t('bytes.fromhex()', lambda: bytes.fromhex())
t('bytearray.fromhex("6162")', lambda: bytearray.fromhex("6162"))
t('type(bytearray.fromhex("61"))', lambda: type(bytearray.fromhex("61")))
t('B.fromhex("61")', lambda: B.fromhex("61"))
t('type(B.fromhex("61"))', lambda: type(B.fromhex("61")))
t('b"x".fromhex("41")', lambda: b"x".fromhex("41"))
t('bytes.fromhex("\\t01\\n02")', lambda: bytes.fromhex("\t01\n02"))
