# print() to files, to StringIO and to any object with a write method:
# sep, end, flush, and the errors of bad arguments.
import posix
from _io import StringIO

D = "io_tmp_print_file"
posix.mkdir(D)
try:
    p = D + "/out.txt"
    with open(p, "w") as f:
        print("a", 1, 2.5, None, [1, "x"], file=f)
        print("b", "c", sep="-", end="!\n", file=f)
        print(file=f)
        print("flushed", file=f, flush=True)
        with open(p) as g:
            print(repr(g.read()))
        print("d", "e", sep=None, end=None, file=f)
        print(*range(5), sep="", file=f)
    with open(p) as f:
        print(repr(f.read()))
    s = StringIO()
    print("to", "stringio", sep=", ", file=s)
    print("é€", file=s, end="")
    print(repr(s.getvalue()))

    class Writer:
        def __init__(self):
            self.parts = []

        def write(self, text):
            self.parts.append(text)

        def flush(self):
            self.parts.append("<flush>")

    w = Writer()
    print("x", 2, sep="+", file=w)
    print("y", file=w, flush=True)
    print(w.parts)

    class NoFlush:
        def write(self, text):
            pass

    print("quiet", file=NoFlush())
    try:
        print("q", file=NoFlush(), flush=True)
    except AttributeError as e:
        print(type(e).__name__, e)
    for kwargs in [dict(sep=5), dict(end=b"x"), dict(file=5), dict(bogus=1)]:
        try:
            print("z", **kwargs)
        except (TypeError, AttributeError) as e:
            print(type(e).__name__, e)

    class BadStr:
        def __str__(self):
            raise ValueError("no str")

    s = StringIO()
    try:
        print("before", BadStr(), file=s)
    except ValueError as e:
        print(type(e).__name__, e, repr(s.getvalue()))
    print(None, file=None)
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)

import sys
saved = sys.stdout
sys.stdout = StringIO()
print("captured", 1)
sys.stdout.write("and written\n")
captured = sys.stdout.getvalue()
sys.stdout = saved
print(repr(captured))
