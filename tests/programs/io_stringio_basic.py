# StringIO: reading, writing over and past the end, seek/tell/truncate,
# lines and iteration, and the errors of a closed or misused stream.
from _io import StringIO

s = StringIO("hello\nworld\nlast")
print(repr(s.read(3)), s.tell())
print(repr(s.readline()), repr(s.readline(2)), repr(s.readline()))
print(repr(s.readline()), repr(s.readline()), s.tell())
s.seek(0)
print(s.readlines())
s.seek(0)
print([line for line in s])
s.seek(0)
print(s.readlines(7))

s = StringIO()
print(s.write("abc"), s.write("défi"), repr(s.getvalue()), s.tell())
s.seek(1)
print(s.write("XY"), repr(s.getvalue()), s.tell())
s.seek(10)
print(s.write("!"), repr(s.getvalue()), len(s.getvalue()))
print(s.seek(0, 2), s.seek(0, 1), s.seek(2))
print(s.truncate(), repr(s.getvalue()), s.tell())
print(s.truncate(5), repr(s.getvalue()))
print(s.truncate(1), repr(s.getvalue()), s.tell())
print(repr(s.read()), repr(s.read(5)))

s = StringIO(None)
print(repr(s.getvalue()), s.readable(), s.writable(), s.seekable(), s.isatty())
print(s.closed, s.line_buffering, s.newlines, s.encoding, s.errors)
s.writelines(["a", "b", "c\n"])
print(repr(s.getvalue()))
with StringIO("ctx") as s2:
    print(s2.read(), s2.closed)
print(s2.closed)


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


attempt("int init", lambda: StringIO(5))
attempt("bytes write", lambda: StringIO().write(b"x"))
attempt("cur seek", lambda: StringIO("abc").seek(1, 1))
attempt("end seek", lambda: StringIO("abc").seek(-1, 2))
attempt("neg seek", lambda: StringIO().seek(-1))
attempt("bad whence", lambda: StringIO().seek(0, 3))
attempt("neg truncate", lambda: StringIO().truncate(-1))
attempt("read str", lambda: StringIO().read("x"))
attempt("fileno", lambda: StringIO().fileno())
attempt("detach", lambda: StringIO().detach())

s = StringIO("x")
s.close()
s.close()
for name in ["read", "write", "getvalue", "tell", "readline", "readable",
             "seekable", "writable", "truncate", "__iter__", "__next__"]:
    args = ("y",) if name == "write" else ()
    attempt(name, lambda: getattr(s, name)(*args))
attempt("seek", lambda: s.seek(0))
attempt("enter", lambda: s.__enter__())
