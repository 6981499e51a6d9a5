# IncrementalNewlineDecoder: a \r held back between chunks, translation,
# the newlines seen, and its state.
from _io import IncrementalNewlineDecoder


class Upper:
    def decode(self, data, final=False):
        return data.decode("ascii").upper()

    def getstate(self):
        return (b"", 3)

    def setstate(self, state):
        print("setstate", state)

    def reset(self):
        print("reset")


for translate in [True, False]:
    d = IncrementalNewlineDecoder(None, translate=translate)
    out = [d.decode(piece) for piece in ["a\r", "\nb\r", "c\r", "", "\n"]]
    out.append(d.decode("d\r", final=True))
    print(translate, out, d.newlines, d.getstate())
d = IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("x\r")), d.getstate())
d.setstate((b"", 0))
print(repr(d.decode("\n")), d.newlines)
d.reset()
print(d.newlines, d.getstate())
d = IncrementalNewlineDecoder(Upper(), translate=True)
print(repr(d.decode(b"ab\r\ncd\r")), d.getstate(), d.newlines)
d.setstate((b"", 7))
print(repr(d.decode(b"", final=True)))
d.reset()
try:
    IncrementalNewlineDecoder(None, True).decode(b"bytes")
except TypeError as e:
    print(type(e).__name__, e)
try:
    IncrementalNewlineDecoder()
except TypeError as e:
    print(type(e).__name__, e)
