# TextIOWrapper over an in-memory buffer: encoding, line buffering,
# write_through, reconfigure, detach, and its attributes.
from _io import TextIOWrapper, BytesIO, BufferedWriter, BufferedReader


class Recorder(BytesIO):
    def __init__(self):
        super().__init__()
        self.log = []

    def write(self, b):
        self.log.append(bytes(b))
        return super().write(b)

    def flush(self):
        self.log.append("flush")
        return super().flush()


r = Recorder()
t = TextIOWrapper(r, encoding="utf-8")
print(t.encoding, t.errors, t.line_buffering, t.write_through, t.buffer is r)
print(t.write("one\n"), t.write("two"), r.log)
t.flush()
print(r.log, r.getvalue())

r = Recorder()
t = TextIOWrapper(r, encoding="latin-1", line_buffering=True)
t.write("no newline")
print(r.log)
t.write(" then\nmore")
print(r.log)
t.write("\r")
print(r.log)

r = Recorder()
t = TextIOWrapper(r, encoding="ascii", errors="replace", write_through=True)
t.write("aé")
t.write("b")
print(r.log)
t.reconfigure(line_buffering=True, write_through=False)
print(t.line_buffering, t.write_through)
t.write("c\n")
print(r.log)
t.reconfigure(encoding="utf-8")
print(t.encoding, t.errors)
t.write("é")
t.reconfigure(errors="xmlcharrefreplace", encoding="ascii")
t.write("€")
t.flush()
print(r.getvalue())

t = TextIOWrapper(BytesIO(b"caf\xc3\xa9\nline2\n"), encoding="utf-8")
print(repr(t.readline()), t.buffer.tell())
try:
    t.reconfigure(encoding="latin-1")
except Exception as e:
    print(type(e).__name__, e)
t.reconfigure(line_buffering=False)
print(repr(t.read()))
b = t.detach()
print(type(b).__name__, b.getvalue()[:4])
for op in [lambda: t.read(), lambda: t.encoding, lambda: t.buffer, lambda: repr(t)]:
    try:
        print(op())
    except ValueError as e:
        print(type(e).__name__, e)

t = TextIOWrapper(BytesIO(b"x\r\ny"), newline=None)
print(t.encoding, repr(t.read()), t.newlines)
t = TextIOWrapper(BytesIO())
print(t._CHUNK_SIZE)
t._CHUNK_SIZE = 4
t.write("abcdefgh")
print(t.buffer.getvalue())
try:
    t._CHUNK_SIZE = 0
except ValueError as e:
    print(type(e).__name__, e)
for bad in [dict(encoding=5), dict(errors=1), dict(newline="x"), dict(newline=3), dict(encoding="nope")]:
    try:
        TextIOWrapper(BytesIO(), **bad)
    except (TypeError, ValueError, LookupError) as e:
        print(type(e).__name__, e)
try:
    TextIOWrapper(object())
except AttributeError as e:
    print(type(e).__name__)
w = TextIOWrapper(BufferedWriter(BytesIO()))
print(w.writable(), w.readable(), w.seekable())
try:
    w.read()
except Exception as e:
    print(type(e).__name__, e)
rd = TextIOWrapper(BufferedReader(BytesIO(b"abc")))
try:
    rd.write("x")
except Exception as e:
    print(type(e).__name__, e)
print(rd.read())
rd.mode = "r"
print(repr(rd).startswith("<_io.TextIOWrapper mode='r' encoding="))
