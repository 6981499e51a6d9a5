# OSError: the errno attributes, its str, and the errno subclasses
e = OSError(2, "No such file or directory", "missing.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename, e.filename2)
print(str(e), repr(e), e.args)
e = OSError(2, "No such file or directory", "a", None, "b")
print(str(e), e.filename2)
for n in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 103, 104, 108, 110, 111, 114, 115, 99]:
    print(n, type(OSError(n, "msg")).__name__)
print(type(OSError(2)).__name__, OSError(2).errno, str(OSError(2)))
print(repr(OSError("a", "b")), str(OSError("a", "b")))
print(str(OSError(1, 2, 3, 4, 5, 6)), OSError(1, 2, 3, 4, 5, 6).errno)
print(str(OSError()), repr(OSError()))
print(IOError is OSError, EnvironmentError is OSError)
print(issubclass(FileNotFoundError, OSError), issubclass(BrokenPipeError, ConnectionError))
b = BlockingIOError(11, "would block", 5)
print(b.characters_written, b.filename, str(b))
try:
    BlockingIOError(11, "x").characters_written
except AttributeError as err:
    print("AttributeError", err)
f = FileNotFoundError(2, "nope")
print(type(f).__name__, str(f))
f.filename = "late"
print(str(f))
try:
    FileNotFoundError(1, 2, x=3)
except TypeError as err:
    print(err)
class MyOSError(OSError):
    pass
m = MyOSError(2, "custom")
print(type(m).__name__, m.errno, str(m))
class WithInit(OSError):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.extra = a + b
w = WithInit(3, 4)
print(type(w).__name__, w.errno, w.strerror, w.extra, w.args)
try:
    raise FileNotFoundError(2, "No such file or directory", "data.csv")
except OSError as err:
    print(type(err).__name__, err)
