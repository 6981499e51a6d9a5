# Text files written and read back: modes, lines, iteration, appending,
# update mode, and tell/seek positions, in a directory made for the test.
import posix

D = "io_tmp_file_text"
posix.mkdir(D)
try:
    p = D + "/a.txt"
    with open(p, "w") as f:
        print(type(f).__name__, f.mode, f.name, f.encoding, f.errors, f.line_buffering)
        print(f.write("héllo\nwörld\n"), f.writable(), f.readable(), f.seekable())
        f.writelines(["x\n", "y\n"])
        print("third", file=f)
    print(f.closed)
    with open(p) as f:
        print(repr(f.readline()), f.tell())
        print(repr(f.read(3)))
        t = f.tell()
        print(t, repr(f.read()))
        f.seek(t)
        print(repr(f.readline()), repr(f.readline()))
        f.seek(0)
        print(f.readlines())
        f.seek(0)
        for i, line in enumerate(f):
            print(i, repr(line))
    with open(p, "rt", encoding="utf-8") as f:
        print(f.readlines(10))
    with open(p, "a") as f:
        print(f.tell())
        f.write("appended\n")
    with open(p, "r+") as f:
        print(repr(f.read(5)), f.tell())
        f.seek(0, 2)
        f.write("end")
        f.seek(0)
        print(repr(f.read()))
    with open(p, "w+") as f:
        f.write("fresh\nstart\n")
        f.seek(0)
        print(repr(f.read()), f.tell())
    try:
        open(p, "x")
    except FileExistsError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)
    with open(D + "/b.txt", "x") as f:
        f.write("created")
    with open(D + "/b.txt") as f:
        print(f.read(), f.read(), repr(f.readline()))
    f = open(p)
    print(f.read(2))
    f.close()
    f.close()
    print(f.closed)
    with open(p, "rb") as f:
        print(f.read())
finally:
    for name in sorted(posix.listdir(D)):
        print("removing", name)
        posix.remove(D + "/" + name)
    posix.rmdir(D)
