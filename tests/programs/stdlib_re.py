# The re module over _sre: compile, match, search, findall, sub, split, flags.
import re

p = re.compile(r"(?P<word>\w+)\s+(?P<num>\d+)")
m = p.search("xx hello 42 yy")
print(m, m.group(0), m.group("word"), m.group(2), m.groups(), m.groupdict())
print(m.span(), m.start("num"), m.end(1), m.lastgroup, m.lastindex, m.re is p)
print(p.pattern, p.groups, p.groupindex, p.flags)
print(re.match(r"a+", "aaab").group(), re.match(r"b", "ab"), re.fullmatch(r"\d+", "123"))
print(re.findall(r"\d+", "a1b22c333"), re.findall(r"(\w)(\d)", "a1 b2 c3"))
print([m.group() for m in re.finditer(r"[aeiou]", "education")])
print(re.sub(r"\s+", "-", "a  b   c"), re.subn(r"o", "0", "foo boo"))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@home you@work"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"))
print(re.sub(r"(?P<x>\d)", r"<\g<x>>", "12"))
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.split(r"(,)", "a,b,c"), re.split(r",", "a,b,c", maxsplit=1))
print(re.escape("a.b*c?d[e]"), re.escape("hello world"))
print(re.IGNORECASE, re.I | re.M, repr(re.DOTALL))
print(re.findall(r"^\w", "one\ntwo\nthree", re.M), re.match(r"HELLO", "hello", re.I).group())
print(re.search(r"a.b", "a\nb"), re.search(r"a.b", "a\nb", re.S).group())
print(re.compile(r"""
    (\d{3})  # area
    -(\d{4}) # number
""", re.X).match("555-1234").groups())
print(re.match(r"(a)(b)?", "a").groups(), re.match(r"(a)(b)?", "a").groups("-"))
print(re.search(r"(?<=abc)def", "abcdef").group(), re.search(r"(?<!x)y", "xyay").start())
print(re.match(r"(?:ab)+", "ababab").group(), re.match(r"a{2,3}", "aaaa").group(), re.match(r"a{2,3}?", "aaaa").group())
print(re.match(r"(\w+) \1", "hey hey").group(), re.search(r"\bfoo\b", "a foo b").span())
print(repr(re.compile(r"ab", re.I)), repr(re.compile(r"x")))
try:
    re.compile(r"(unclosed")
except re.error as e:
    print("error:", e, e.pos, e.msg)
try:
    re.compile(r"a**")
except re.error as e:
    print("error:", e)
print(re.purge(), callable(re.template))
print(re.match(rb"\d+", b"123abc").group(), re.sub(rb"a", b"b", b"aaa"))
print(re.findall(r"[^\W\d_]+", "abc 123 déf_ghi"))
print(re.match(r"(?i)straße", "STRASSE"), re.match(r"(?i)k", "\u212a"))
m = re.match(r"(\d+)\.(\d+)", "3.14")
print(m[1], m[2], m.expand(r"\2.\1"))
print(re.compile(r"\d").sub("#", "a1b2", count=1))
print(p.match("hello 42").group("word"), p.fullmatch("hello 42x"))
s = re.Scanner([(r"\d+", lambda s, t: int(t)), (r"\s+", None), (r"\w+", lambda s, t: t)])
print(s.scan("abc 12 de 3"))
print(re.split(r"\b", "a b"), re.sub("x*", "-", "abc"))
