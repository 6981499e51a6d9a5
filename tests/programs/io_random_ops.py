# Pseudo-random sequences of reads, writes, seeks and tells on text and
# binary files and on StringIO/BytesIO: the results, the tell() cookies
# and the final file contents must all be CPython's.
import posix
from _io import StringIO, BytesIO

D = "io_tmp_random_ops"
posix.mkdir(D)
seed = 0


def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n


def attempt(res, f):
    try:
        res.append(f())
    except Exception as e:
        res.append(("err", type(e).__name__, str(e)))


PIECES = ["a", "\r", "\n", "\r\n", "é", "€", "xyz", "\n\n", "\r\r"]
try:
    p = D + "/f"
    for trial in range(120):
        seed = trial * 7919 + 1
        text = "".join(PIECES[rnd(len(PIECES))] for _ in range(rnd(30)))
        with open(p, "w", newline="", encoding="utf-8") as f:
            f.write(text)
        newline = [None, "", "\n", "\r", "\r\n"][rnd(5)]
        mode = ["r", "r+", "w+", "a+"][rnd(4)]
        res = []
        with open(p, mode, newline=newline, encoding="utf-8") as f:
            f._CHUNK_SIZE = [1, 2, 5, 8192][rnd(4)]
            for step in range(20):
                op = rnd(7)
                if op == 0:
                    attempt(res, lambda: ("rl", f.readline(rnd(5) - 1)))
                elif op == 1:
                    attempt(res, lambda: ("r", f.read(rnd(6) - 1)))
                elif op == 2 and mode != "r":
                    attempt(res, lambda: ("w", f.write(PIECES[rnd(len(PIECES))])))
                elif op == 3:
                    def tell_seek():
                        t = f.tell()
                        s = f.read(rnd(4))
                        f.seek(t)
                        return ("ts", t, s, f.read(len(s)))
                    attempt(res, tell_seek)
                elif op == 4:
                    attempt(res, lambda: ("sk", f.seek(0, [0, 2][rnd(2)])))
                elif op == 5:
                    attempt(res, lambda: ("fl", f.flush()))
            attempt(res, lambda: ("rest", f.read(), f.newlines))
        with open(p, "rb") as f:
            res.append(("file", f.read()))
        print("text", trial, repr(newline), mode, res)

    for trial in range(120):
        seed = trial * 104729 + 7
        with open(p, "wb") as f:
            f.write(bytes(rnd(256) for _ in range(rnd(60))))
        mode = ["rb", "r+b"][rnd(2)]
        res = []
        with open(p, mode, buffering=[2, 3, 7, 8192][rnd(4)]) as f:
            for step in range(20):
                op = rnd(9)
                if op == 0:
                    attempt(res, lambda: ("r", f.read(rnd(8) - 1)))
                elif op == 1:
                    attempt(res, lambda: ("r1", f.read1(rnd(8) - 1)))
                elif op == 2:
                    attempt(res, lambda: ("pk", f.peek(rnd(4))[:3], f.tell()))
                elif op == 3:
                    attempt(res, lambda: ("rl", f.readline(rnd(8) - 1)))
                elif op == 4:
                    attempt(res, lambda: ("sk", f.seek(rnd(70) - 10, rnd(3))))
                elif op == 5:
                    attempt(res, lambda: ("t", f.tell()))
                elif op == 6:
                    b = bytearray(rnd(6))
                    attempt(res, lambda: ("ri", f.readinto(b), bytes(b)))
                elif op == 7 and mode == "r+b":
                    attempt(res, lambda: ("w", f.write(bytes([65 + rnd(26)]) * rnd(5)), f.tell()))
                elif op == 8 and mode == "r+b":
                    attempt(res, lambda: ("tr", f.truncate(rnd(50)), f.tell()))
        with open(p, "rb") as f:
            res.append(("file", f.read()))
        print("binary", trial, mode, res)

    for trial in range(120):
        seed = trial * 31 + 3
        init = "".join(PIECES[rnd(len(PIECES))] for _ in range(rnd(12)))
        s = StringIO(init, newline=[None, "", "\n", "\r", "\r\n"][rnd(5)])
        b = BytesIO(init.encode())
        res = []
        for step in range(15):
            op = rnd(7)
            if op == 0:
                attempt(res, lambda: ("r", s.read(rnd(6) - 1), b.read(rnd(6) - 1)))
            elif op == 1:
                attempt(res, lambda: ("rl", s.readline(rnd(6) - 1), b.readline(rnd(6) - 1)))
            elif op == 2:
                t = PIECES[rnd(len(PIECES))]
                attempt(res, lambda: ("w", s.write(t), b.write(t.encode())))
            elif op == 3:
                attempt(res, lambda: ("sk", s.seek(rnd(20)), b.seek(rnd(30) - 5, rnd(3))))
            elif op == 4:
                attempt(res, lambda: ("t", s.tell(), b.tell()))
            elif op == 5:
                attempt(res, lambda: ("tr", s.truncate(rnd(15)), b.truncate(rnd(15))))
            else:
                attempt(res, lambda: ("gv", s.getvalue(), b.getvalue(), s.newlines))
        print("memory", trial, res)
finally:
    for name in sorted(posix.listdir(D)):
        posix.remove(D + "/" + name)
    posix.rmdir(D)
