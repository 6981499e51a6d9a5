# BytesIO: reads, writes (past the end too), seeks, truncation, lines,
# readinto, and its errors.
from _io import BytesIO

b = BytesIO(b"line1\nline2\nline3")
print(b.readline(), b.read(3), b.tell(), b.read(), b.read())
b.seek(0)
print(list(b))
b.seek(0)
print(b.readlines(), b.readlines())
b.seek(0)
print(b.readline(3), b.readline(0), b.read1(2), b.read1())
print(b.seek(-2, 2), b.read(), b.seek(-100, 1), b.tell())
print(b.seek(20), b.write(b"!"), b.getvalue())
print(b.seek(3), b.truncate(), b.getvalue(), b.tell())
print(b.truncate(1), b.getvalue(), b.tell())

ba = bytearray(4)
b = BytesIO(b"abcdef")
print(b.readinto(ba), ba, b.readinto(ba), ba, b.readinto(ba))
b = BytesIO()
print(b.write(b"abc"), b.write(bytearray(b"de")), b.getvalue())
b.seek(1)
b.write(b"XY")
print(b.getvalue(), b.tell())
b.writelines([b"1", b"2"])
print(b.getvalue())
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush(), b.closed)
print(BytesIO(bytearray(b"ba")).getvalue(), BytesIO(None).getvalue())


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("str init", lambda: BytesIO("x"))
attempt("str write", lambda: BytesIO().write("x"))
attempt("neg seek", lambda: BytesIO().seek(-1))
attempt("bad whence", lambda: BytesIO().seek(0, 5))
attempt("neg truncate", lambda: BytesIO().truncate(-2))
attempt("read float", lambda: BytesIO().read(1.5))
attempt("fileno", lambda: BytesIO().fileno())
with BytesIO(b"w") as b:
    print(b.read())
for name in ["read", "write", "getvalue", "tell", "readline", "seek",
             "readable", "flush", "isatty", "truncate", "__next__"]:
    args = (b"y",) if name == "write" else (0,) if name == "seek" else ()
    attempt(name, lambda: getattr(b, name)(*args))
view = memoryview(bytearray(5))
b = BytesIO(b"abcdefg")
print(b.readinto(view), view.tobytes(), b.readinto(view[1:3]), view.tobytes())
attempt("readonly view", lambda: BytesIO(b"x").readinto(memoryview(b"ab")))
attempt("bytes target", lambda: BytesIO(b"x").readinto(b"ab"))
print(BytesIO(memoryview(b"from view")).getvalue())
