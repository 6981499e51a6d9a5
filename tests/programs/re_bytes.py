# Krait's _sre under the code lists CPython's Lib/re/_compiler.py makes:
# compile() passes _sre.compile what re.compile would (CODE, written by
# tools/oracle/sre_code.py), so the engine is tested without `import re`.
import _sre

T, I, L, M, S, U, X, A = 1, 2, 4, 8, 16, 32, 64, 256


def compile(pattern, flags=0):
    return _sre.compile(*CODE[pattern, flags])


def show(m):
    if m is None:
        return "None"
    return "%r %r %r %r %r" % (m.span(), m.group(), m.groups(), m.lastindex, m.lastgroup)


def attempt(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", show(r) if type(r).__name__ == "Match" else repr(r))


# BEGIN CODE
CODE = {
    (b'a', 0): (b'a', 0, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('a', 0): ('a', 32, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    (b'a+', 0): (b'a+', 0, [14, 4, 0, 1, 4294967295, 24, 6, 1, 4294967295, 16, 97, 1, 1], 0, {}, (None,)),
    (b'\\w+', 0): (b'\\w+', 0, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 4, 0, 1, 1], 0, {}, (None,)),
    (b'\\w+', 4): (b'\\w+', 4, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 8, 0, 1, 1], 0, {}, (None,)),
    (b'abc', 2): (b'abc', 2, [14, 4, 0, 3, 3, 32, 97, 32, 98, 32, 99, 1], 0, {}, (None,)),
    (b'abc', 6): (b'abc', 6, [14, 4, 0, 3, 3, 36, 97, 36, 98, 36, 99, 1], 0, {}, (None,)),
    (b'[a-z]+', 2): (b'[a-z]+', 2, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 31, 5, 22, 97, 122, 0, 1, 1], 0, {}, (None,)),
    (b'[a-z]+', 6): (b'[a-z]+', 6, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 35, 5, 22, 97, 122, 0, 1, 1], 0, {}, (None,)),
    (b'(\\d+)', 0): (b'(\\d+)', 0, [14, 4, 0, 1, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 0, 0, 1, 17, 1, 1], 1, {}, (None, None)),
    (b'\\bx\\b', 4): (b'\\bx\\b', 4, [14, 4, 0, 1, 1, 6, 8, 16, 120, 6, 8, 1], 0, {}, (None,)),
    (b'\\Bx', 4): (b'\\Bx', 4, [14, 4, 0, 1, 1, 6, 9, 16, 120, 1], 0, {}, (None,)),
    (b'\\s+', 0): (b'\\s+', 0, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 2, 0, 1, 1], 0, {}, (None,)),
    (b'.+', 0): (b'.+', 0, [14, 4, 0, 1, 4294967295, 24, 5, 1, 4294967295, 2, 1, 1], 0, {}, (None,)),
    (b'(a)\\1', 6): (b'(a)\\1', 6, [14, 4, 0, 2, 2, 17, 0, 36, 97, 17, 1, 34, 0, 1], 1, {}, (None, None)),
    (b'[^a]', 6): (b'[^a]', 6, [14, 4, 0, 1, 1, 37, 97, 1], 0, {}, (None,)),
    (b'[\\w]+', 4): (b'[\\w]+', 4, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 8, 0, 1, 1], 0, {}, (None,)),
    (b'\\xe9', 2): (b'\\xe9', 2, [14, 8, 3, 1, 1, 1, 1, 233, 0, 16, 233, 1], 0, {}, (None,)),
    (b'\\xe9', 6): (b'\\xe9', 6, [14, 4, 0, 1, 1, 36, 233, 1], 0, {}, (None,)),
    (b'\\x00\\xff', 0): (b'\\x00\\xff', 0, [14, 10, 3, 2, 2, 2, 2, 0, 255, 0, 0, 16, 0, 16, 255, 1], 0, {}, (None,)),
    (b'[\\x80-\\xff]+', 0): (b'[\\x80-\\xff]+', 0, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 13, 5, 22, 128, 255, 0, 1, 1], 0, {}, (None,)),
    (b'(b)(c)', 0): (b'(b)(c)', 0, [14, 10, 1, 2, 2, 2, 0, 98, 99, 0, 0, 17, 0, 16, 98, 17, 1, 17, 2, 16, 99, 17, 3, 1], 2, {}, (None, None, None)),
    (b'', 0): (b'', 0, [14, 4, 0, 0, 0, 1], 0, {}, (None,)),
}
# END CODE

# bytes patterns on bytes and bytearray subjects, with ASCII and locale
# (C/UTF-8: ASCII) semantics, and str patterns refusing bytes.
CASES = [
    (compile(b"a+"), [b"xaay", bytearray(b"aa")]),
    (compile(rb"\w+"), [b"hello w\xe9rld"]),
    (compile(rb"\w+", L), [b"hello w\xe9rld"]),
    (compile(rb"abc", I), [b"ABC", b"aBc"]),
    (compile(rb"abc", I | L), [b"ABC"]),
    (compile(rb"[a-z]+", I), [b"HeLLo"]),
    (compile(rb"[a-z]+", I | L), [b"HeLLo"]),
    (compile(rb"(\d+)"), [b"a12b34"]),
    (compile(rb"\bx\b", L), [b"a x b"]),
    (compile(rb"\Bx", L), [b"ax b"]),
    (compile(rb"\s+"), [b"a \t\n\r\x0b\x0cb"]),
    (compile(rb".+"), [b"ab\ncd"]),
    (compile(rb"(a)\1", I | L), [b"aA"]),
    (compile(rb"[^a]", I | L), [b"A", b"b"]),
    (compile(rb"[\w]+", L), [b"ab_1\xe9"]),
    (compile(rb"\xe9", I), [b"\xc9", b"\xe9"]),
    (compile(rb"\xe9", I | L), [b"\xc9"]),
    (compile(rb"\x00\xff"), [b"a\x00\xffb"]),
    (compile(rb"[\x80-\xff]+"), [b"ab\x80\x90\xffc"]),
]

for p, subjects in CASES:
    print(repr(p), p.flags)
    for s in subjects:
        print(" ", repr(s))
        attempt(lambda: p.search(s))
        attempt(lambda: p.findall(s))
        attempt(lambda: p.split(s))
        attempt(lambda: p.sub(lambda m: b"<" + m.group() + b">", s))
        attempt(lambda: p.sub(b"-", s))
        attempt(lambda: p.subn(b"-", s, 1))

print("kinds")
p, pb = compile("a"), compile(b"a")
attempt(lambda: p.match(b"a"))
attempt(lambda: pb.match("a"))
attempt(lambda: p.match(bytearray(b"a")))
attempt(lambda: p.match(1))
attempt(lambda: p.match(None))
attempt(lambda: pb.match([97]))
attempt(lambda: p.sub("x", b"a"))
attempt(lambda: p.sub(b"x", "a"))
attempt(lambda: pb.sub("x", b"a"))
attempt(lambda: pb.sub(bytearray(b"x"), b"a"))
attempt(lambda: pb.findall(bytearray(b"aba")))
attempt(lambda: pb.split(bytearray(b"bab")))
attempt(lambda: pb.match(bytearray(b"a")).group())
attempt(lambda: type(pb.match(bytearray(b"a")).string).__name__)
attempt(lambda: type(pb.split(b"b")[0]).__name__)
attempt(lambda: compile(b"").split(b"xy"))
b = bytearray(b"abc")
m = compile(rb"(b)(c)").search(b)
b[1:3] = b"XY"
attempt(lambda: m.groups())
b[1:] = b""
attempt(lambda: m.groups())
attempt(lambda: m.span(2))

print("memoryview")
pb = compile(b"a")
m = pb.search(memoryview(b"xa"))
print(m, m.group(), type(m.string).__name__)
print(pb.findall(memoryview(bytearray(b"aba"))))
print(pb.sub(b"-", memoryview(b"banana")))
print(pb.split(memoryview(b"banana")[1:4]))
sc = pb.scanner(memoryview(bytearray(b"aa")))
print(sc.search(), sc.search(), sc.search())
attempt(lambda: compile("a").search(memoryview(b"a")))
