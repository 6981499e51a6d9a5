# FileIO, the raw layer: modes, name, closefd, opener, and one system
# call per read or write.
import posix
from _io import FileIO

D = "io_tmp_fileio_raw"
posix.mkdir(D)


def attempt(label, f):
    try:
        print(label, "->", repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


try:
    p = D + "/raw.bin"
    f = FileIO(p, "w")
    print(repr(f), f.mode, f.name, f.closefd, f.readable(), f.writable(), f.seekable())
    print(f.write(b"hello world"), f.write(bytearray(b"!")), f.tell())
    attempt("read on w", lambda: f.read())
    print(f.seek(0), f.write(b"J"), f.seek(0, 2), f.truncate(5), f.tell())
    f.close()
    print(repr(f), f.closed)
    with FileIO(p) as f:
        print(f.mode, f.read(2), f.read(), f.read(), f.seek(1), f.readall())
        buf = bytearray(3)
        f.seek(0)
        print(f.readinto(buf), buf)
        attempt("write on r", lambda: f.write(b"x"))
        attempt("truncate on r", lambda: f.truncate())
        attempt("seek float", lambda: f.seek(1.5))
        attempt("seek negative", lambda: f.seek(-10))
        attempt("read str", lambda: f.read("x"))
        fd = f.fileno()
        print(fd > 2, f.isatty())
    for mode in ["r+", "rb+", "a", "ab+", "x", "wb", "rw", "rt", "r++", ""]:
        target = D + "/new.bin" if mode.startswith("x") else p
        try:
            g = FileIO(target, mode)
            print(mode, "->", g.mode, g.readable(), g.writable())
            g.close()
        except ValueError as e:
            print(mode, "!!", e)
    with FileIO(p, "a") as g:
        print(g.tell(), g.write(b"++"), g.tell())
    with FileIO(p, "rb") as g:
        print(g.read())
    h = FileIO(p, "r")
    fd = h.fileno()
    g = FileIO(fd, "r", closefd=False)
    print(repr(g), g.read(3))
    g.close()
    print(h.read(2), h.closed)
    h.close()
    attempt("opener -1", lambda: FileIO(p, opener=lambda path, flags: -1))
    attempt("opener str", lambda: FileIO(p, opener=lambda path, flags: "x"))
    attempt("closefd name", lambda: FileIO(p, closefd=False))
    attempt("negative fd", lambda: FileIO(-1))
    attempt("float", lambda: FileIO(1.5))
    attempt("missing", lambda: FileIO(D + "/missing"))
    attempt("directory", lambda: FileIO(D))
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
