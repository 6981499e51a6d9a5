# The _sre module itself: its constants, the case helpers the compiler
# uses, and _sre.compile's checks of its arguments and of the code.
import _sre


def attempt(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__, e)
    else:
        print("  ", repr(r))


print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, repr(_sre.copyright))
print(_sre.getcodesize())
print(sorted(n for n in dir(_sre) if not n.startswith("__")))
attempt(lambda: _sre.getcodesize(1))

print("case")
for c in [0, 0x41, 0x5A, 0x61, 0x7A, 0x7F, 0xC0, 0xDF, 0xE0, 0xFF, 0x130, 0x131,
          0x17F, 0x1C4, 0x1C5, 0x1C6, 0x345, 0x390, 0x3A3, 0x3C2, 0x1E9E,
          0x2126, 0x212A, 0x212B, 0xFB00, 0x10400, 0x10428, 0xD800, 0x110000, -1]:
    print(hex(c), _sre.ascii_iscased(c), _sre.unicode_iscased(c),
          _sre.ascii_tolower(c), _sre.unicode_tolower(c))
print(sum(_sre.unicode_iscased(c) for c in range(0x20000)))
print(sum(_sre.unicode_tolower(c) != c for c in range(0x20000)))
print(sum(_sre.unicode_tolower(c) for c in range(0x20000)))
attempt(lambda: _sre.ascii_iscased("a"))
attempt(lambda: _sre.ascii_iscased(2**40))
attempt(lambda: _sre.unicode_tolower())
attempt(lambda: _sre.unicode_tolower(1, 2))
attempt(lambda: _sre.unicode_tolower(character=65))
attempt(lambda: _sre.ascii_tolower(True))

print("compile arguments")
SUCCESS = [1]
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile(None, 0, SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile(b"a", 0, SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile(bytearray(b"a"), 0, SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile(pattern="a", flags=0, code=SUCCESS, groups=0, groupindex={}, indexgroup=()))
attempt(lambda: _sre.compile(1, 0, SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile("a", "x", SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile("a", 2**40, SUCCESS, 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, (1,), 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, SUCCESS, "0", {}, ()))
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, [], ()))
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, {}, []))
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, None, ()))
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, {}))
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, {}, (), 1))
attempt(lambda: _sre.compile("a", 0, SUCCESS, 0, {}, (), x=1))
attempt(lambda: _sre.compile("a", 0, ["x"], 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, [1.0], 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, [-1], 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, [2**32], 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, [2**64], 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, [-2**70], 0, {}, ()))
attempt(lambda: _sre.compile("a", 0, [True], 0, {}, ()))

print("invalid code")
LITERAL, SUCCESS_, FAILURE, MARK, JUMP, BRANCH, IN, REPEAT_ONE = 16, 1, 0, 17, 15, 7, 13, 24
for code, groups in [
    ([], 0),
    ([0], 0),
    ([1], -1),
    ([1], 2**31),
    ([LITERAL, 97, SUCCESS_], 0),
    ([LITERAL, SUCCESS_], 0),
    ([MARK, 0, MARK, 1, SUCCESS_], 1),
    ([MARK, 0, MARK, 3, SUCCESS_], 1),
    ([99, SUCCESS_], 0),
    ([JUMP, 2, SUCCESS_], 0),
    ([BRANCH, 5, LITERAL, 97, JUMP, 8, 5, LITERAL, 98, JUMP, 2, 0, SUCCESS_], 0),
    ([BRANCH, 5, LITERAL, 97, JUMP, 7, 5, LITERAL, 98, JUMP, 2, 0, SUCCESS_], 0),
    ([BRANCH, 0, SUCCESS_], 0),
    ([IN, 4, LITERAL, 97, FAILURE, SUCCESS_], 0),
    ([IN, 4, LITERAL, 97, SUCCESS_, SUCCESS_], 0),
    ([IN, 9, LITERAL, 97, FAILURE, SUCCESS_], 0),
    ([REPEAT_ONE, 6, 1, 4294967295, LITERAL, 97, SUCCESS_, SUCCESS_], 0),
    ([REPEAT_ONE, 6, 2, 1, LITERAL, 97, SUCCESS_, SUCCESS_], 0),
    ([REPEAT_ONE, 6, 1, 2, LITERAL, 97, FAILURE, SUCCESS_], 0),
    ([6, 99, SUCCESS_], 0),
    ([6, 0, SUCCESS_], 0),
    ([8, 4, SUCCESS_], 0),
    ([11, 0, SUCCESS_], 0),
    ([11, 0, SUCCESS_], 1),
    ([14, 4, 0, 0, 0, SUCCESS_], 0),
    ([14, 4, 8, 0, 0, SUCCESS_], 0),
    ([25, 0, SUCCESS_], 0),
]:
    try:
        p = _sre.compile(None, 0, code, groups, {}, ())
    except Exception as e:
        print(code, groups, type(e).__name__, e)
    else:
        print(code, groups, "ok", p.match("aa"), p.search(b"xab"))
