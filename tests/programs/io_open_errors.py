# open()'s argument checks and CPython's messages, and the OSError
# subclasses with their errno, strerror and filename.
import posix

D = "io_tmp_open_errors"
posix.mkdir(D)


def attempt(label, f):
    try:
        r = f()
        print(label, "->", type(r).__name__)
        r.close()
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


try:
    p = D + "/exists.txt"
    with open(p, "w") as f:
        f.write("x")
    for mode in ["rw", "rr", "", "q", "rt+b", "bt", "U", "rU", "x+", "wa",
                 "+", "r+", "rb+", "ab", "tr", "b", "t", "w+t"]:
        attempt("mode %r" % mode, lambda: open(p, mode))
    attempt("binary encoding", lambda: open(p, "rb", encoding="utf-8"))
    attempt("binary errors", lambda: open(p, "rb", errors="strict"))
    attempt("binary newline", lambda: open(p, "rb", newline=""))
    attempt("unbuffered text", lambda: open(p, "r", buffering=0))
    attempt("bad newline", lambda: open(p, "r", newline="x"))
    attempt("int newline", lambda: open(p, "r", newline=5))
    attempt("int encoding", lambda: open(p, "r", encoding=5))
    attempt("int errors", lambda: open(p, "r", errors=5))
    attempt("unknown encoding", lambda: open(p, "r", encoding="no-such-codec"))
    attempt("int mode", lambda: open(p, 5))
    attempt("str buffering", lambda: open(p, buffering="x"))
    attempt("float file", lambda: open(1.5))
    attempt("list file", lambda: open([1]))
    attempt("no file", lambda: open())
    attempt("bad keyword", lambda: open(p, bogus=1))
    attempt("negative fd", lambda: open(-3))
    attempt("closefd name", lambda: open(p, closefd=False))
    attempt("null byte", lambda: open("a\0b"))
    attempt("bytes path", lambda: open(p.encode(), "rb"))
    for target, mode in [(D + "/missing.txt", "r"), (D, "r"), (p, "x"),
                         (D + "/no/such/dir.txt", "w")]:
        try:
            open(target, mode)
        except OSError as e:
            print(type(e).__name__, e.errno, e.strerror, e.filename, e.args)
            print("   ", e)
    try:
        open(D + "/missing.txt")
    except FileNotFoundError as e:
        print(isinstance(e, OSError), e.filename2)
    try:
        open(p).write("nope")
    except Exception as e:
        print(type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
