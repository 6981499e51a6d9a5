# bytes.maketrans and bytes.translate

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('len(bytes.maketrans(b"abc", b"xyz"))', lambda: len(bytes.maketrans(b"abc", b"xyz")))
t('bytes.maketrans(b"abc", b"xyz")[97:100]', lambda: bytes.maketrans(b"abc", b"xyz")[97:100])
t('b"abcabc".translate(bytes.maketrans(b"abc", b"xyz"))', lambda: b"abcabc".translate(bytes.maketrans(b"abc", b"xyz")))
t('b"abc".translate(None, b"b")', lambda: b"abc".translate(None, b"b"))
t('b"abc".translate(None)', lambda: b"abc".translate(None))
t('b"abc".translate(bytes.maketrans(b"a", b"A"), b"c")', lambda: b"abc".translate(bytes.maketrans(b"a", b"A"), b"c"))
t('b"abc".translate(b"x")', lambda: b"abc".translate(b"x"))
t('b"abc".translate("x" * 256)', lambda: b"abc".translate("x" * 256))
t('bytes.maketrans(b"a", b"bc")', lambda: bytes.maketrans(b"a", b"bc"))
t('bytes.maketrans("a", "b")', lambda: bytes.maketrans("a", "b"))
t('bytes.maketrans(b"a")', lambda: bytes.maketrans(b"a"))
t('b"abc".translate(None, delete=b"a")', lambda: b"abc".translate(None, delete=b"a"))
t('b"abc".translate(table=None)', lambda: b"abc".translate(table=None))
t('b"abc".translate()', lambda: b"abc".translate())
t('bytearray(b"abc").translate(None, b"a")', lambda: bytearray(b"abc").translate(None, b"a"))
t('bytearray.maketrans(b"a", b"b")[97]', lambda: bytearray.maketrans(b"a", b"b")[97])
t('b"".maketrans(b"", b"")[:3]', lambda: b"".maketrans(b"", b"")[:3])
