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
    ('(?P<x>a)(b)(?P<y>c)', 0): ('(?P<x>a)(b)(?P<y>c)', 32, [14, 12, 1, 3, 3, 3, 0, 97, 98, 99, 0, 0, 0, 17, 0, 16, 97, 17, 1, 17, 2, 16, 98, 17, 3, 17, 4, 16, 99, 17, 5, 1], 3, {'x': 1, 'y': 3}, (None, 'x', None, 'y')),
    ('a', 0): ('a', 32, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('a', 2): ('a', 34, [14, 4, 0, 1, 1, 40, 97, 1], 0, {}, (None,)),
    ('a', 90): ('a', 122, [14, 4, 0, 1, 1, 40, 97, 1], 0, {}, (None,)),
    (b'a', 0): (b'a', 0, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    (b'a', 6): (b'a', 6, [14, 4, 0, 1, 1, 36, 97, 1], 0, {}, (None,)),
    ('a', 256): ('a', 256, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('a', 32): ('a', 32, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('(?u)a', 0): ('(?u)a', 32, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 0): ('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 32, [14, 506, 3, 250, 250, 250, 250, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 16, 120, 1], 0, {}, (None,)),
    ("it's", 0): ("it's", 32, [14, 14, 3, 4, 4, 4, 4, 105, 116, 39, 115, 0, 0, 0, 0, 16, 105, 16, 116, 16, 39, 16, 115, 1], 0, {}, (None,)),
    ('"\'', 0): ('"\'', 32, [14, 10, 3, 2, 2, 2, 2, 34, 39, 0, 0, 16, 34, 16, 39, 1], 0, {}, (None,)),
    ('\n€', 0): ('\n€', 32, [14, 10, 3, 2, 2, 2, 2, 10, 8364, 0, 0, 16, 10, 16, 8364, 1], 0, {}, (None,)),
    ('a', 1): ('a', 33, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('a', 192): ('a', 224, [14, 8, 3, 1, 1, 1, 1, 97, 0, 16, 97, 1], 0, {}, (None,)),
    ('b', 0): ('b', 32, [14, 8, 3, 1, 1, 1, 1, 98, 0, 16, 98, 1], 0, {}, (None,)),
}
# END CODE

# re.Pattern: repr with its flags, attributes, groupindex, equality and
# hashing, copying, argument errors.
for p in [
    compile("a"),
    compile("a", I),
    compile("a", I | M | S | X),
    compile(b"a"),
    compile(b"a", L | I),
    compile("a", A),
    compile("a", U),
    compile("(?u)a"),
    compile("x" * 250),
    compile("it's"),
    compile('"\''),
    compile("\n\u20ac"),
    compile("a", T),
    compile("a", 128 | 64),
]:
    print(repr(p), p.pattern, p.flags, p.groups, p.groupindex)

p = compile("(?P<x>a)(b)(?P<y>c)")
print(p.groups, p.groupindex, type(p.groupindex).__name__)
print(dict(p.groupindex), p.groupindex["y"], "x" in p.groupindex, "b" in p.groupindex)
print(list(p.groupindex), len(p.groupindex), sorted(p.groupindex.items()))
print(list(p.groupindex.keys()), list(p.groupindex.values()), p.groupindex.get("q", 0))
attempt(lambda: p.groupindex["q"])
attempt(lambda: p.groupindex.copy())
def assign():
    p.groupindex["z"] = 1
attempt(assign)
attempt(lambda: compile("a").groupindex)

print("equality")
print(compile("a") == compile("a"), compile("a") != compile("a"))
print(compile("a") == compile("a", I), compile("a") == compile(b"a"))
print(compile("a") == compile("b"), compile("a") == "a", compile("a") != "a")
q = compile("a")
print(q == q, q != q, hash(q) == hash(compile("a")), hash(q) == hash(compile("b")))
print(len({compile("a"), compile("a"), compile("a", I)}))
print(hash(compile("a")), hash(compile(b"a")), hash(compile("a", I)))
attempt(lambda: q < q)
attempt(lambda: q <= compile("a"))

print("copy")
print(q.__copy__() is q, q.__deepcopy__({}) is q)
attempt(lambda: q.__deepcopy__())
attempt(lambda: q.__copy__(1))

print("types")
print(type(q), type(q).__name__, type(q).__module__, type(q).__qualname__)
attempt(lambda: type(q)())
attempt(lambda: q.foo)
attempt(lambda: setattr(q, "flags", 1))
attempt(lambda: setattr(q, "x", 1))

print("arguments")
attempt(lambda: q.match())
attempt(lambda: q.match("a", 1, 2, 3))
attempt(lambda: q.match("a", foo=1))
attempt(lambda: q.match("a", "1"))
attempt(lambda: q.match("a", 1.5))
attempt(lambda: q.match("a", 2**80))
attempt(lambda: q.match("a", -2**80))
attempt(lambda: q.match(string="a", pos=0, endpos=1))
attempt(lambda: q.match("a", pos=0, string="b"))
attempt(lambda: q.search("bab", 5))
attempt(lambda: q.search("bab", -5))
attempt(lambda: q.search("bab", 2, 1))
attempt(lambda: q.search("bab", 0, -1))
attempt(lambda: q.search("bab", True))
attempt(lambda: q.fullmatch("a", 0, 1))
attempt(lambda: q.fullmatch("ab", 0, 1))
attempt(lambda: q.fullmatch("ab"))

print("generic")
print(type(q)[str], type(q)[bytes].__args__, type(q)[str].__origin__ is type(q))
print(type(q.match("a"))[str])
attempt(lambda: type(q)[str]("a"))
