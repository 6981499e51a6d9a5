# tell() and seek() on text files: the cookies of positions inside
# multi-byte characters' runs and after translated newlines, returning to
# each of them, and the seeks that text files refuse.
import posix

D = "io_tmp_tell_seek"
posix.mkdir(D)
try:
    p = D + "/t.txt"
    with open(p, "wb") as f:
        f.write("ab\r\ncé€\r\nx\ry\n".encode("utf-8") * 3)
    with open(p, encoding="utf-8") as f:
        marks = []
        while True:
            pos = f.tell()
            c = f.read(1)
            if not c:
                break
            marks.append((pos, c))
        print(marks[:14])
        for pos, c in marks[::5]:
            f.seek(pos)
            print(pos, repr(c), repr(f.read(1)), f.tell())
        print(f.seek(0, 2), repr(f.read()), f.seek(0, 1))
        for args in [(1, 1), (-1, 2), (-1,), (0, 3)]:
            try:
                f.seek(*args)
            except Exception as e:
                print(args, type(e).__name__, e)
    with open(p, encoding="utf-8") as f:
        positions = []
        line = f.readline()
        while line:
            positions.append(f.tell())
            line = f.readline()
        print(positions)
        f.seek(positions[2])
        print(repr(f.readline()))
    with open(p, newline="", encoding="utf-8") as f:
        print(repr(f.readline()), f.tell(), repr(f.read(2)), f.tell())
    with open(p, encoding="utf-8") as f:
        for line in f:
            try:
                f.tell()
            except OSError as e:
                print(type(e).__name__, e)
                break
    with open(p, "r+", encoding="utf-8") as f:
        f.seek(0, 2)
        end = f.tell()
        f.write("tail")
        print(end, f.tell())
        f.seek(end)
        print(repr(f.read()))
    with open(p, "w", encoding="utf-8") as f:
        print(f.tell(), f.write("héllo"), f.tell())
        f.seek(0)
        f.write("H")
    with open(p, encoding="utf-8") as f:
        print(f.read())
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
