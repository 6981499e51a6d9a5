# _operator._compare_digest: equal ASCII strs or bytes-like objects, in
# time that depends only on the lengths; CPython's errors otherwise.
import _operator

print(_operator.__doc__.splitlines()[0])
cases = [
    (b"abc", b"abc"), (b"abc", b"abd"), (b"abc", b"ab"), (b"", b""),
    ("secret", "secret"), ("secret", "secreT"), (b"a", bytearray(b"a")),
    (memoryview(b"xy"), b"xy"), (1, 2), ("\u00e9", "e"), ("a", b"a"),
    (b"a", "a"), ("a", 1), (1, "a"), (b"a", 1), (1, b"a"),
]
for a, b in cases:
    try:
        print(type(a).__name__, type(b).__name__, _operator._compare_digest(a, b))
    except TypeError as e:
        print(type(a).__name__, type(b).__name__, "TypeError:", e)
for args in [(b"a",), (b"a", b"a", b"a")]:
    try:
        _operator._compare_digest(*args)
    except TypeError as e:
        print(e)
