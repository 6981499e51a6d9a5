# Newline translation on files: what each newline mode writes to the
# disk, and what it gives back when reading the same bytes.
import posix

D = "io_tmp_newline_files"
posix.mkdir(D)
try:
    p = D + "/nl.txt"
    for newline in [None, "", "\n", "\r", "\r\n"]:
        with open(p, "w", newline=newline) as f:
            f.write("a\nb\r\nc\rd\n")
        with open(p, "rb") as f:
            print("write", repr(newline), f.read())
    with open(p, "wb") as f:
        f.write(b"one\ntwo\r\nthree\rfour\r\n\r\nend\r")
    for newline in [None, "", "\n", "\r", "\r\n"]:
        with open(p, newline=newline) as f:
            print("read", repr(newline), f.readlines(), f.newlines)
        with open(p, newline=newline) as f:
            print("    ", repr(f.read()), f.newlines)
    # A \r\n split across two chunks of the decoder.
    with open(p, "wb") as f:
        f.write(b"x" * 8191 + b"\r\n" + b"tail\r")
    with open(p) as f:
        lines = f.readlines()
        print(len(lines), len(lines[0]), repr(lines[0][-3:]), lines[1:], f.newlines)
    with open(p, newline="") as f:
        lines = f.readlines()
        print(len(lines), repr(lines[0][-3:]), lines[1:])
    with open(p) as f:
        print(len(f.read()))
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
