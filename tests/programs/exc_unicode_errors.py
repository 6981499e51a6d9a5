# the Unicode errors: constructor checks, attributes and str
d = UnicodeDecodeError("utf-8", b"\xff\xfeabc", 0, 1, "invalid start byte")
print(d.encoding, d.object, d.start, d.end, d.reason)
print(str(d))
print(repr(d))
print(str(UnicodeDecodeError("utf-8", b"abcdef", 1, 4, "bad")))
print(str(UnicodeDecodeError("ascii", b"ab", 5, 7, "out")))
e = UnicodeEncodeError("ascii", "caf\xe9", 3, 4, "ordinal not in range(128)")
print(e.encoding, e.object, e.start, e.end, e.reason)
print(str(e))
print(str(UnicodeEncodeError("ascii", "a\u1234b", 1, 2, "bad")))
print(str(UnicodeEncodeError("ascii", "a\U0001f600b", 1, 2, "bad")))
print(str(UnicodeEncodeError("ascii", "abcd", 0, 3, "bad")))
t = UnicodeTranslateError("abc", 1, 2, "no")
print(t.encoding, t.object, t.start, t.end, str(t))
print(str(UnicodeTranslateError("abc", 0, 3, "no")))
print(repr(UnicodeError("plain")), str(UnicodeError("a", "b")))
for f in [lambda: UnicodeDecodeError("utf-8", "str", 1, 2, "x"),
          lambda: UnicodeDecodeError(1, b"", 1, 2, "x"),
          lambda: UnicodeDecodeError("u", b"ab", "a", 2, "x"),
          lambda: UnicodeDecodeError("u", b"ab", 1, 2),
          lambda: UnicodeEncodeError("u", b"ab", 1, 2, "x"),
          lambda: UnicodeTranslateError("ab", 1, 2, 3)]:
    try:
        f()
    except TypeError as err:
        print("TypeError:", err)
print(issubclass(UnicodeDecodeError, ValueError))
