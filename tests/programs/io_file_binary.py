# Binary files through BufferedReader/Writer/Random: read, read1, peek,
# readinto, readline, seek with each whence, truncate, and raw access.
import posix

D = "io_tmp_file_binary"
posix.mkdir(D)
try:
    p = D + "/data.bin"
    with open(p, "wb") as f:
        print(type(f).__name__, f.mode, f.name, type(f.raw).__name__)
        print(f.write(b"0123456789"), f.write(bytearray(b"abc")), f.tell())
        print(f.writable(), f.readable(), f.seekable(), f.isatty())
        f.flush()
    with open(p, "rb") as f:
        print(type(f).__name__, f.read(3), f.tell(), f.peek(2)[:2], f.tell())
        print(f.read1(2), f.read1(), f.read(), f.read(), f.tell())
        print(f.seek(2), f.read(2), f.seek(-3, 2), f.read(), f.seek(-5, 1), f.read(2))
        buf = bytearray(5)
        f.seek(0)
        print(f.readinto(buf), buf, f.readinto1(buf), buf)
        f.seek(0)
        print(f.readline(), f.readlines())
    with open(p, "r+b") as f:
        print(type(f).__name__, f.read(4))
        f.write(b"XY")
        print(f.tell())
        f.seek(0)
        print(f.read())
        print(f.truncate(5), f.tell())
        f.seek(0)
        print(f.read())
        f.seek(8)
        f.write(b"!")
    with open(p, "rb") as f:
        print(f.read())
    with open(p, "ab") as f:
        print(f.tell(), f.write(b"++"))
    with open(p, "rb", buffering=0) as f:
        print(type(f).__name__, f.read(2), f.readall(), f.read())
    with open(p, "rb", buffering=3) as f:
        print(f.read(2), f.peek(), f.read(5), f.tell())
    with open(p, "rb") as f:
        lines = []
        for line in f:
            lines.append(line)
        print(lines)
    big = bytes(range(256)) * 100
    with open(p, "wb") as f:
        f.write(big[:100])
        f.write(big[100:])
    with open(p, "rb") as f:
        data = f.read()
        print(len(data), data == big)
        f.seek(12345)
        print(f.read(3) == big[12345:12348], f.tell())
    raw = open(p, "rb").detach()
    print(type(raw).__name__, raw.read(3), raw.closed)
    raw.close()
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
