# encoding and decoding round trips and the unicode error arguments

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


def rt(text, encoding):
    data = text.encode(encoding)
    return data, data.decode(encoding) == text

def err(f):
    try:
        f()
    except UnicodeError as e:
        return type(e).__name__, e.args
    return "no error"


t('rt("caf\\xe9", "utf-8")', lambda: rt("caf\xe9", "utf-8"))
t('rt("caf\\xe9", "latin-1")', lambda: rt("caf\xe9", "latin-1"))
t('rt("\\u20ac\\U0001f600", "utf-8")', lambda: rt("\u20ac\U0001f600", "utf-8"))
t('rt("plain", "ascii")', lambda: rt("plain", "ascii"))
t('rt("\\x00\\x7f", "ascii")', lambda: rt("\x00\x7f", "ascii"))
t('rt("\\x80\\xff", "latin-1")', lambda: rt("\x80\xff", "latin-1"))
t('err(lambda: "a\\xe9\\xe8b".encode("ascii"))', lambda: err(lambda: "a\xe9\xe8b".encode("ascii")))
t('err(lambda: "a\\u20ac".encode("latin-1"))', lambda: err(lambda: "a\u20ac".encode("latin-1")))
t('err(lambda: "\\ud800\\udfff".encode("utf-8"))', lambda: err(lambda: "\ud800\udfff".encode("utf-8")))
t('err(lambda: b"ab\\xff\\xfe".decode("ascii"))', lambda: err(lambda: b"ab\xff\xfe".decode("ascii")))
t('err(lambda: b"ab\\xc3".decode("utf-8"))', lambda: err(lambda: b"ab\xc3".decode("utf-8")))
t('err(lambda: b"\\xe2\\x82\\xe2\\x82\\xac".decode())', lambda: err(lambda: b"\xe2\x82\xe2\x82\xac".decode()))
t('err(lambda: "a\\udc41".encode("ascii", "surrogateescape"))', lambda: err(lambda: "a\udc41".encode("ascii", "surrogateescape")))
t('err(lambda: b"\\x41\\x80".decode("ascii", "surrogateescape"))', lambda: err(lambda: b"\x41\x80".decode("ascii", "surrogateescape")))
t('issubclass(UnicodeEncodeError, ValueError)', lambda: issubclass(UnicodeEncodeError, ValueError))
t('issubclass(UnicodeDecodeError, UnicodeError)', lambda: issubclass(UnicodeDecodeError, UnicodeError))
t('b"\\xc3\\xa9\\xff".decode("utf-8", "replace")', lambda: b"\xc3\xa9\xff".decode("utf-8", "replace"))
t('"\\xe9\\u20ac".encode("ascii", "xmlcharrefreplace").decode()', lambda: "\xe9\u20ac".encode("ascii", "xmlcharrefreplace").decode())
t('"x\\udcc3\\udca9".encode("utf-8", "surrogateescape").decode()', lambda: "x\udcc3\udca9".encode("utf-8", "surrogateescape").decode())
