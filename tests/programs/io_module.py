# Lib/io.py over the native _io: its names, the ABCs and their
# registrations, and classes derived from the ABCs used by the native
# buffered and text layers.
import io
import _io

print(io.open is open, io.open is _io.open, io.DEFAULT_BUFFER_SIZE)
print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(io.UnsupportedOperation, io.UnsupportedOperation.__mro__)
print(io.BlockingIOError is BlockingIOError, io.text_encoding(None), io.text_encoding("latin-1"))
print(io.IOBase.__mro__)
print(io.RawIOBase.__mro__)
print(io.TextIOWrapper.__mro__)
for cls in [io.FileIO, io.BytesIO, io.StringIO, io.BufferedReader,
            io.BufferedWriter, io.BufferedRandom, io.BufferedRWPair,
            io.TextIOWrapper]:
    print(cls.__name__, [abc.__name__ for abc in
                         (io.IOBase, io.RawIOBase, io.BufferedIOBase, io.TextIOBase)
                         if issubclass(cls, abc)])
print(isinstance(io.StringIO(), io.IOBase), isinstance(io.BytesIO(), io.TextIOBase))


class Source(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0

    def readable(self):
        return True

    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + min(len(b), 3)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


print(Source(b"abcdefgh").read(), Source(b"abc").read(2), Source(b"x\ny").readline())
print(list(Source(b"one\ntwo\n")), Source(b"").readall())
reader = io.BufferedReader(Source(b"line one\nline two\n"), 4)
print(reader.readline(), reader.peek(2)[:2], reader.read())
text = io.TextIOWrapper(io.BufferedReader(Source("héllo\nwörld\n".encode())), encoding="utf-8")
print(text.readlines())


class Sink(io.RawIOBase):
    def __init__(self):
        self.chunks = []

    def writable(self):
        return True

    def write(self, b):
        self.chunks.append(bytes(b))
        return len(b)


sink = Sink()
writer = io.BufferedWriter(sink, 4)
writer.write(b"ab")
writer.write(b"cdefgh")
writer.flush()
print(sink.chunks)


class Upper(io.TextIOBase):
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s.upper())
        return len(s)


u = Upper()
print("to", "upper", file=u)
print(u.parts, u.readable(), u.encoding, u.closed)
u.close()
print(u.closed)
try:
    u.write("x") if False else Upper().read()
except io.UnsupportedOperation as e:
    print(type(e).__name__, e)
with io.StringIO("ctx") as s:
    print(s.read())
