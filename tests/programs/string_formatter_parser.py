# _string: the str.format parser behind string.Formatter.
import _string

for f in ["a{{b", "x{0!r:>{1}}y}}z", "", "{}", "a}}", "{a.b[c]}tail", "{:{}}", "plain", "{0}{1}{x}", "{[}"]:
    print(repr(f), list(_string.formatter_parser(f)))
for f in ["a{", "}", "{0!}", "{!r", "ok{0", "good{0}bad}"]:
    it = _string.formatter_parser(f)
    got = []
    try:
        for piece in it:
            got.append(piece)
    except ValueError as e:
        print(repr(f), got, "ValueError", e)
for name in ["0.a[1][x]", "", "abc", "a[0]", "12", "a.b.c"]:
    first, rest = _string.formatter_field_name_split(name)
    print(repr(name), repr(first), list(rest))
for name in ["a.", "a[", "a[]", "a[0]x", "a..b"]:
    first, rest = _string.formatter_field_name_split(name)
    got = []
    try:
        for part in rest:
            got.append(part)
    except ValueError as e:
        print(repr(name), first, got, "ValueError", e)
print(type(_string.formatter_parser("")).__name__, type(_string.formatter_field_name_split("")[1]).__name__)
try:
    _string.formatter_parser(1)
except TypeError as e:
    print("TypeError", e)
