# str.encode with the utf-8, ascii and latin-1 codecs and their error handlers

def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, '->', type(e).__name__, e.args)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))



t('"abc".encode()', lambda: "abc".encode())
t('"h\\xe9llo".encode()', lambda: "h\xe9llo".encode())
t('"\\u20ac".encode("utf-8")', lambda: "\u20ac".encode("utf-8"))
t('"\\U0001f600".encode("utf8")', lambda: "\U0001f600".encode("utf8"))
t('"h\\xe9llo".encode("latin-1")', lambda: "h\xe9llo".encode("latin-1"))
t('"h\\xe9llo".encode("latin1")', lambda: "h\xe9llo".encode("latin1"))
t('"h\\xe9llo".encode("iso-8859-1")', lambda: "h\xe9llo".encode("iso-8859-1"))
t('"abc".encode("ascii")', lambda: "abc".encode("ascii"))
t('"abc".encode("US-ASCII")', lambda: "abc".encode("US-ASCII"))
t('"h\\xe9llo".encode("ascii")', lambda: "h\xe9llo".encode("ascii"))
t('"h\\xe9\\xe9llo".encode("ascii")', lambda: "h\xe9\xe9llo".encode("ascii"))
t('"h\\xe9llo".encode("ascii", "ignore")', lambda: "h\xe9llo".encode("ascii", "ignore"))
t('"h\\xe9llo".encode("ascii", "replace")', lambda: "h\xe9llo".encode("ascii", "replace"))
t('"h\\xe9\\u20ac\\U0001f600".encode("ascii", "backslashreplace")', lambda: "h\xe9\u20ac\U0001f600".encode("ascii", "backslashreplace"))
t('"h\\xe9\\u20ac".encode("ascii", "xmlcharrefreplace")', lambda: "h\xe9\u20ac".encode("ascii", "xmlcharrefreplace"))
t('"\\u20ac".encode("latin-1")', lambda: "\u20ac".encode("latin-1"))
t('"\\u20ac".encode("latin-1", "replace")', lambda: "\u20ac".encode("latin-1", "replace"))
t('"a\\udcff\\udc80b".encode("ascii", "surrogateescape")', lambda: "a\udcff\udc80b".encode("ascii", "surrogateescape"))
t('"a\\udcffb".encode("utf-8", "surrogateescape")', lambda: "a\udcffb".encode("utf-8", "surrogateescape"))
t('"a\\u20acb".encode("ascii", "surrogateescape")', lambda: "a\u20acb".encode("ascii", "surrogateescape"))
t('"a\\ud800b".encode()', lambda: "a\ud800b".encode())
t('"a\\ud800\\udc00b".encode()', lambda: "a\ud800\udc00b".encode())
t('"a\\ud800b".encode("utf-8", "surrogatepass")', lambda: "a\ud800b".encode("utf-8", "surrogatepass"))
t('"a\\ud800b".encode("utf-8", "ignore")', lambda: "a\ud800b".encode("utf-8", "ignore"))
t('"a\\ud800b".encode("utf-8", "replace")', lambda: "a\ud800b".encode("utf-8", "replace"))
t('"a\\ud800b".encode("utf-8", "backslashreplace")', lambda: "a\ud800b".encode("utf-8", "backslashreplace"))
t('"abc".encode("nope")', lambda: "abc".encode("nope"))
t('"\\xe9".encode("ascii", "nope")', lambda: "\xe9".encode("ascii", "nope"))
t('"abc".encode("ascii", "nope")', lambda: "abc".encode("ascii", "nope"))
t('"abc".encode(1)', lambda: "abc".encode(1))
t('"abc".encode("utf-8", 1)', lambda: "abc".encode("utf-8", 1))
t('"abc".encode(encoding="latin-1")', lambda: "abc".encode(encoding="latin-1"))
t('"\\xe9".encode(errors="strict")', lambda: "\xe9".encode(errors="strict"))
t('"abc".encode("utf-8", "strict", 1)', lambda: "abc".encode("utf-8", "strict", 1))
t('"abc".encode(bad=1)', lambda: "abc".encode(bad=1))
t('"\\xe9".encode(" UTF_8 ")', lambda: "\xe9".encode(" UTF_8 "))
t('"\\xe9".encode("Latin 1")', lambda: "\xe9".encode("Latin 1"))
t('"\\u0800\\uffff\\U00010000\\U0010ffff".encode()', lambda: "\u0800\uffff\U00010000\U0010ffff".encode())
t('"\\x7f\\x80\\u07ff".encode()', lambda: "\x7f\x80\u07ff".encode())
t('"\\xe9".encode("latin-1", "surrogatepass")', lambda: "\xe9".encode("latin-1", "surrogatepass"))
