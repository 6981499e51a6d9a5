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
    ('', 0): ('', 32, [14, 4, 0, 0, 0, 1], 0, {}, (None,)),
    ('x*', 0): ('x*', 32, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}, (None,)),
    ('(\\d)|(\\w)', 0): ('(\\d)|(\\w)', 32, [14, 4, 0, 1, 1, 7, 12, 17, 0, 13, 4, 8, 10, 0, 17, 1, 15, 14, 12, 17, 2, 13, 4, 8, 14, 0, 17, 3, 15, 2, 0, 1], 2, {}, (None, None, None)),
    ('\\w+', 0): ('\\w+', 32, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 1], 0, {}, (None,)),
    ('\\w*', 0): ('\\w*', 32, [14, 4, 0, 0, 4294967295, 24, 9, 0, 4294967295, 13, 4, 8, 14, 0, 1, 1], 0, {}, (None,)),
    ('(\\w)(\\d)?', 0): ('(\\w)(\\d)?', 32, [14, 7, 4, 1, 2, 8, 14, 0, 17, 0, 13, 4, 8, 14, 0, 17, 1, 23, 12, 0, 1, 17, 2, 13, 4, 8, 10, 0, 17, 3, 18, 1], 2, {}, (None, None, None)),
}
# END CODE

# _sre.SRE_Scanner: successive matches, each from where the last ended,
# None from the first failure on; finditer iterates a scanner's search.
p = compile("a")
sc = p.scanner("aba")
print(type(sc).__name__, type(sc).__module__, sc.pattern is p)
for step in range(4):
    attempt(sc.match)
sc = p.scanner("baca")
for step in range(4):
    attempt(sc.search)
attempt(lambda: sc.match(1))
attempt(lambda: sc.search(x=1))
attempt(lambda: type(sc)())
sc = compile("").scanner("ab")
for step in range(4):
    attempt(sc.search)
sc = compile("x*").scanner("axxb", 1, 3)
for step in range(4):
    attempt(sc.search)
sc = compile(r"(\d)|(\w)").scanner("a1 b2")
for step in range(6):
    attempt(sc.match)
it = compile("").finditer("ab")
print(type(it).__name__, [m.span() for m in it], list(it))
print([m.group() for m in compile(r"\w+").finditer("one two  three")])
print([m.span() for m in compile(r"\w*").finditer("one two")])
print([m.groups() for m in compile(r"(\w)(\d)?").finditer("a1bc2")])
it = compile("a").finditer("aXa")
print(next(it).span(), next(it).span())
attempt(lambda: next(it))
