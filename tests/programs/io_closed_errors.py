# Every operation on a closed stream, for each class: CPython's messages
# differ between the classes (and in the full stop).
import posix
from _io import FileIO, StringIO, BytesIO, TextIOWrapper, BufferedReader

D = "io_tmp_closed_errors"
posix.mkdir(D)


def attempt(label, f):
    try:
        r = f()
        print("  ", label, "->", type(r).__name__ if hasattr(r, "read") else repr(r))
    except Exception as e:
        print("  ", label, "!!", type(e).__name__, e)


METHODS = ["read", "readline", "readlines", "write", "writelines", "seek",
           "tell", "truncate", "flush", "fileno", "isatty", "readable",
           "writable", "seekable", "__iter__", "__next__", "__enter__",
           "detach", "peek", "read1", "readinto", "readall", "getvalue"]


def args_for(name, binary):
    if name == "write":
        return (b"x",) if binary else ("x",)
    if name == "writelines":
        return ([b"x"],) if binary else (["x"],)
    if name == "seek":
        return (0,)
    if name == "readinto":
        return (bytearray(2),)
    return ()


try:
    p = D + "/f.txt"
    with open(p, "w") as f:
        f.write("content\n")
    streams = [
        ("text", lambda: open(p), False),
        ("text w", lambda: open(p, "a"), False),
        ("buffered r", lambda: open(p, "rb"), True),
        ("buffered w", lambda: open(p, "ab"), True),
        ("buffered rw", lambda: open(p, "r+b"), True),
        ("raw", lambda: open(p, "rb", buffering=0), True),
        ("StringIO", lambda: StringIO("x"), False),
        ("BytesIO", lambda: BytesIO(b"x"), True),
    ]
    for label, make, binary in streams:
        stream = make()
        stream.close()
        print(label, repr(stream) if label not in ("StringIO", "BytesIO") else "", stream.closed)
        for name in METHODS:
            if hasattr(stream, name):
                attempt(name, lambda: getattr(stream, name)(*args_for(name, binary)))
    f = open(p, "rb")
    t = TextIOWrapper(f)
    f.close()
    attempt("wrapper over closed", lambda: t.read())
    b = BufferedReader(open(p, "rb", buffering=0))
    print(b.read(2))
    b.raw.close()
    attempt("buffer over closed raw", lambda: b.read())
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
