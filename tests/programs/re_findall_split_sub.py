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
    ('a', 0): ('a', 32, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('(\\w+)@(\\w+)\\.(?:com|org)', 0): ('(\\w+)@(\\w+)\\.(?:com|org)', 32, [14, 4, 0, 7, 4294967295, 17, 0, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 1, 16, 64, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 17, 3, 16, 46, 7, 9, 16, 99, 16, 111, 16, 109, 15, 11, 9, 16, 111, 16, 114, 16, 103, 15, 2, 0, 1], 2, {}, (None, None, None)),
    ('x*', 0): ('x*', 32, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}, (None,)),
    ('', 0): ('', 32, [14, 4, 0, 0, 0, 1], 0, {}, (None,)),
    ('\\d+', 0): ('\\d+', 32, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 1], 0, {}, (None,)),
    ('(\\d)(\\d)?', 0): ('(\\d)(\\d)?', 32, [14, 7, 4, 1, 2, 8, 10, 0, 17, 0, 13, 4, 8, 10, 0, 17, 1, 23, 12, 0, 1, 17, 2, 13, 4, 8, 10, 0, 17, 3, 18, 1], 2, {}, (None, None, None)),
    ('\\b', 0): ('\\b', 32, [14, 4, 0, 0, 0, 6, 10, 1], 0, {}, (None,)),
    ('a|(b)', 0): ('a|(b)', 32, [14, 4, 0, 1, 1, 7, 5, 16, 97, 15, 11, 9, 17, 0, 16, 98, 17, 1, 15, 2, 0, 1], 1, {}, (None, None)),
    ('(a)|(b)', 0): ('(a)|(b)', 32, [14, 4, 0, 1, 1, 7, 9, 17, 0, 16, 97, 17, 1, 15, 11, 9, 17, 2, 16, 98, 17, 3, 15, 2, 0, 1], 2, {}, (None, None, None)),
    ('(?=\\d)', 0): ('(?=\\d)', 32, [14, 4, 0, 0, 0, 4, 8, 0, 13, 4, 8, 10, 0, 1, 1], 0, {}, (None,)),
    ('[a-z]', 0): ('[a-z]', 32, [14, 8, 4, 1, 1, 22, 97, 122, 0, 13, 5, 22, 97, 122, 0, 1], 0, {}, (None,)),
    (b'a', 0): (b'a', 0, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('x', 0): ('x', 32, [14, 8, 3, 1, 1, 1, 1, 120, 0, 16, 120, 1], 0, {}, (None,)),
    ('banana', 0): ('banana', 32, [14, 18, 3, 6, 6, 6, 6, 98, 97, 110, 97, 110, 97, 0, 0, 0, 0, 0, 0, 16, 98, 16, 97, 16, 110, 16, 97, 16, 110, 16, 97, 1], 0, {}, (None,)),
    ('€', 0): ('€', 32, [14, 8, 3, 1, 1, 1, 1, 8364, 0, 16, 8364, 1], 0, {}, (None,)),
    ('(b)', 0): ('(b)', 32, [14, 8, 1, 1, 1, 1, 0, 98, 0, 17, 0, 16, 98, 17, 1, 1], 1, {}, (None, None)),
}
# END CODE

# findall, finditer, split, sub and subn: groups in the results, empty
# matches (which may not follow a match at the same place), count and
# maxsplit, and replacements by functions and by literal strings.
SUBJECTS = ["a@b.com c@d.org", "abxd", "", "xxx", "a1b22c333"]
PATTERNS = [
    compile(r"(\w+)@(\w+)\.(?:com|org)"),
    compile("x*"),
    compile(""),
    compile(r"\d+"),
    compile(r"(\d)(\d)?"),
    compile(r"\b"),
    compile("a|(b)"),
    compile("(a)|(b)"),
    compile(r"(?=\d)"),
    compile(r"[a-z]"),
]

for p in PATTERNS:
    print(repr(p))
    for s in SUBJECTS:
        print(" ", repr(s))
        attempt(lambda: p.findall(s))
        attempt(lambda: [(m.span(), m.groups()) for m in p.finditer(s)])
        attempt(lambda: p.split(s))
        attempt(lambda: p.split(s, 1))
        attempt(lambda: p.sub("-", s))
        attempt(lambda: p.subn(lambda m: "<%s>" % m.group(), s))
        attempt(lambda: p.sub(lambda m: None, s, 2))

p = compile("a")
print("arguments")
attempt(lambda: p.findall("aaa", 1, 2))
attempt(lambda: p.findall("aaa", pos=1))
attempt(lambda: p.findall("aaa", endpos=-1))
attempt(lambda: [m.span() for m in p.finditer("aaa", 1, 2)])
attempt(lambda: [m.span() for m in p.finditer(string="aaa", endpos=2)])
attempt(lambda: p.split("bab", maxsplit=1))
attempt(lambda: p.split("bab", maxsplit=-1))
attempt(lambda: p.split(string="bab"))
attempt(lambda: p.sub("x", "aaa", count=2))
attempt(lambda: p.subn("x", "aaa", 2))
attempt(lambda: p.sub(repl="x", string="a"))
attempt(lambda: p.sub("x", "aaa", -1))
attempt(lambda: p.sub())
attempt(lambda: p.sub("x"))
attempt(lambda: p.split("a", 1, 2))
attempt(lambda: p.findall())
attempt(lambda: p.findall("a", 1, 2, 3))
attempt(lambda: p.findall("a", z=1))
attempt(lambda: p.split("a", 1.5))
attempt(lambda: p.sub("x", "a", "1"))
print("replacements")
attempt(lambda: p.sub(lambda m: 1, "a"))
attempt(lambda: compile(b"a").sub(lambda m: 1, b"a"))
attempt(lambda: p.sub(lambda m: m.group().upper(), "banana"))
attempt(lambda: p.sub(str.upper, "a"))
attempt(lambda: p.sub("x", "b"))
attempt(lambda: p.sub("", "banana"))
attempt(lambda: type(p.sub("x", "b")).__name__)
class Text(str):
    pass
attempt(lambda: type(p.sub("x", Text("b"))).__name__)
attempt(lambda: type(p.split(Text("b"))[0]).__name__)
attempt(lambda: type(compile("(b)").findall(Text("b"))[0]).__name__)
def boom(m):
    raise ValueError("from the function")
attempt(lambda: p.sub(boom, "a"))

print("joining")
s = "banana"
print(compile("x").sub("y", s) is s, compile("x").sub("y", Text(s)) is s)
print(type(compile("x").sub("y", Text(s))).__name__)
r = "R"
print(compile("banana").sub(r, s) is r, compile("banana").sub(lambda m: r, s) is r)
print(repr(compile("banana").sub(lambda m: Text("T"), s)), type(compile("banana").sub(lambda m: Text("T"), s)).__name__)
attempt(lambda: p.sub(lambda m: 1, "ba"))
attempt(lambda: p.sub(lambda m: 1, "bab"))
attempt(lambda: p.sub(lambda m: b"x", "a"))
attempt(lambda: compile(b"a").sub(lambda m: "x", b"ba"))
attempt(lambda: compile(b"a").sub(lambda m: bytearray(b"xy"), b"banana"))
attempt(lambda: compile(b"a").sub(lambda m: memoryview(b"z"), bytearray(b"banana")))
attempt(lambda: compile(b"a").sub(b"", b"aaa"))
attempt(lambda: compile("a").sub("\xe9", "banana"))
attempt(lambda: compile("a").sub("\u20ac", "ban\xe9na"))
attempt(lambda: compile("\u20ac").sub("e", "\u20ac1\u20ac2"))
attempt(lambda: compile("x").sub("\U0001F600", "axbxc"))
attempt(lambda: compile("x").sub(lambda m: "\ud800", "axb"))
attempt(lambda: compile("").sub("-", "\xe9\u20ac\U0001F600"))
