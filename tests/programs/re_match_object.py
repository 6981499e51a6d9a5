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
    ('(?P<a>x)(?P<b>y)?(z)', 0): ('(?P<a>x)(?P<b>y)?(z)', 32, [14, 8, 1, 2, 3, 1, 0, 120, 0, 17, 0, 16, 120, 17, 1, 23, 9, 0, 1, 17, 2, 16, 121, 17, 3, 18, 17, 4, 16, 122, 17, 5, 1], 3, {'a': 1, 'b': 2}, (None, 'a', 'b', None)),
    ('(a)(b)', 0): ('(a)(b)', 32, [14, 10, 1, 2, 2, 2, 0, 97, 98, 0, 0, 17, 0, 16, 97, 17, 1, 17, 2, 16, 98, 17, 3, 1], 2, {}, (None, None, None)),
    ('(?P<n>a)(b)', 0): ('(?P<n>a)(b)', 32, [14, 10, 1, 2, 2, 2, 0, 97, 98, 0, 0, 17, 0, 16, 97, 17, 1, 17, 2, 16, 98, 17, 3, 1], 2, {'n': 1}, (None, 'n', None)),
    ('(?P<n>a(b))', 0): ('(?P<n>a(b))', 32, [14, 10, 1, 2, 2, 2, 0, 97, 98, 0, 0, 17, 0, 16, 97, 17, 2, 16, 98, 17, 3, 17, 1, 1], 2, {'n': 1}, (None, 'n', None)),
    ('(?P<n>a)(?P<o>b)?', 0): ('(?P<n>a)(?P<o>b)?', 32, [14, 8, 1, 1, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 23, 9, 0, 1, 17, 2, 16, 98, 17, 3, 18, 1], 2, {'n': 1, 'o': 2}, (None, 'n', 'o')),
    ('(a)|(b)', 0): ('(a)|(b)', 32, [14, 4, 0, 1, 1, 7, 9, 17, 0, 16, 97, 17, 1, 15, 11, 9, 17, 2, 16, 98, 17, 3, 15, 2, 0, 1], 2, {}, (None, None, None)),
    ('((a)|b)+', 0): ('((a)|b)+', 32, [14, 4, 0, 1, 4294967295, 23, 23, 1, 4294967295, 17, 0, 7, 9, 17, 2, 16, 97, 17, 3, 15, 7, 5, 16, 98, 15, 2, 0, 17, 1, 18, 1], 2, {}, (None, None, None)),
    ('(?:(a)|b)*', 0): ('(?:(a)|b)*', 32, [14, 4, 0, 0, 4294967295, 23, 19, 0, 4294967295, 7, 9, 17, 0, 16, 97, 17, 1, 15, 7, 5, 16, 98, 15, 2, 0, 18, 1], 1, {}, (None, None)),
    ('(a)(?=(b))', 0): ('(a)(?=(b))', 32, [14, 8, 1, 1, 1, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 4, 9, 0, 17, 2, 16, 98, 17, 3, 1, 1], 2, {}, (None, None, None)),
    ('(?:(?P<x>a)|(?P<y>b))+', 0): ('(?:(?P<x>a)|(?P<y>b))+', 32, [14, 4, 0, 1, 4294967295, 23, 23, 1, 4294967295, 7, 9, 17, 0, 16, 97, 17, 1, 15, 11, 9, 17, 2, 16, 98, 17, 3, 15, 2, 0, 18, 1], 2, {'x': 1, 'y': 2}, (None, 'x', 'y')),
    ('b+', 0): ('b+', 32, [14, 4, 0, 1, 4294967295, 24, 6, 1, 4294967295, 16, 98, 1, 1], 0, {}, (None,)),
    ('$', 0): ('$', 32, [14, 4, 0, 0, 0, 6, 5, 1], 0, {}, (None,)),
    ('.*', 0): ('.*', 32, [14, 4, 0, 0, 4294967295, 24, 5, 0, 4294967295, 2, 1, 1], 0, {}, (None,)),
    (b'.*', 0): (b'.*', 0, [14, 4, 0, 0, 4294967295, 24, 5, 0, 4294967295, 2, 1, 1], 0, {}, (None,)),
    ('b', 0): ('b', 32, [14, 8, 3, 1, 1, 1, 1, 98, 0, 16, 98, 1], 0, {}, (None,)),
    ('', 0): ('', 32, [14, 4, 0, 0, 0, 1], 0, {}, (None,)),
}
# END CODE

# re.Match: groups by number and by name, spans, defaults for groups
# that took no part, lastindex and lastgroup, regs, repr, errors.
m = compile(r"(?P<a>x)(?P<b>y)?(z)").search("..xz..")
for f in [
    lambda: m.group(),
    lambda: m.group("a"),
    lambda: m.group("b"),
    lambda: m.group("c"),
    lambda: m.group(3),
    lambda: m.group(4),
    lambda: m.group(-1),
    lambda: m.group(0, "a", 3),
    lambda: m.group(0, 9),
    lambda: m.group([]),
    lambda: m.group(1.0),
    lambda: m.group(True),
    lambda: m.group(2**100),
    lambda: m.group(-(2**100)),
    lambda: m.group(x=1),
    lambda: m[0],
    lambda: m["a"],
    lambda: m[5],
    lambda: m.groups(),
    lambda: m.groups("dflt"),
    lambda: m.groups(default=0),
    lambda: m.groups(1, 2),
    lambda: m.groupdict(),
    lambda: m.groupdict("d"),
    lambda: m.groupdict(default=None),
    lambda: m.start(),
    lambda: m.start("b"),
    lambda: m.end(3),
    lambda: m.span("a"),
    lambda: m.span(2),
    lambda: m.span(1, 2),
    lambda: m.start(group=1),
    lambda: m.end(7),
    lambda: m.string,
    lambda: m.re,
    lambda: m.pos,
    lambda: m.endpos,
    lambda: m.lastindex,
    lambda: m.lastgroup,
    lambda: m.regs,
    lambda: m.regs is m.regs,
    lambda: m.__copy__() is m,
    lambda: m.__deepcopy__({}) is m,
    lambda: m.__deepcopy__(),
    lambda: bool(m),
    lambda: len(m),
    lambda: type(m)(),
    lambda: (type(m).__name__, type(m).__module__),
]:
    attempt(f)

print("repr")
print(repr(compile(".*").match("x" * 100)))
print(repr(compile(".*").match("it's")))
print(repr(compile(".*").match('"\'\n')))
print(repr(compile(b".*").match(b"abc")))
print(repr(compile(b".*").match(bytearray(b"abc"))))
print(repr(compile("b").search("abc", 1, 2)))
print(repr(compile("").match("")))

print("lastindex and lastgroup")
for p, s in [
    (compile("(a)(b)"), "ab"),
    (compile("(?P<n>a)(b)"), "ab"),
    (compile("(?P<n>a(b))"), "ab"),
    (compile("(?P<n>a)(?P<o>b)?"), "a"),
    (compile("a"), "a"),
    (compile("(a)|(b)"), "b"),
    (compile("((a)|b)+"), "ab"),
    (compile("(?:(a)|b)*"), "ab"),
    (compile("(a)(?=(b))"), "ab"),
    (compile("(?:(?P<x>a)|(?P<y>b))+"), "abab"),
]:
    m = p.match(s)
    print(repr(p), m.lastindex, m.lastgroup, m.regs, m.groups())

print("positions")
m = compile("b+").search("abbbc", 1, 4)
print(m.pos, m.endpos, m.span(), m.string)
m = compile("b+").search("abbbc", -3, 99)
print(m.pos, m.endpos, m.span())
m = compile("$").search("ab\n", 0, 2)
print(m.pos, m.endpos, m.span())

print("read-only")
m = compile("a").match("a")
for name in ["string", "re", "pos", "endpos", "lastindex", "lastgroup", "regs"]:
    attempt(lambda: setattr(m, name, 1))
attempt(lambda: delattr(m, "pos"))
attempt(lambda: setattr(m, "other", 1))
sc = compile("a").scanner("a")
attempt(lambda: setattr(sc, "pattern", 1))
p = compile("a")
for name in ["pattern", "flags", "groups", "groupindex"]:
    attempt(lambda: setattr(p, name, 1))
