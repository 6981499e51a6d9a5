# memoryview over bytes and bytearray: format 'B', slicing, writing through.
m = memoryview(b"hello world")
print(len(m), m[0], m[-1], m[1:4].tobytes(), m[::2].tolist(), m[::-1].tobytes(), bytes(m[6:]))
print(m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides, m.nbytes, m.obj, m.contiguous, m[::2].contiguous)
print(m == b"hello world", m != b"x", m[0:5] == bytearray(b"hello"), hash(m) == hash(b"hello world"), m.hex(), list(m[:3]))
b = bytearray(b"abcdef")
w = memoryview(b)
w[0] = 65
w[1:3] = b"XY"
w[::2] = b"123"
print(b, w.readonly, bytes(w), w[2:].tobytes(), memoryview(w).tolist()[:2])
print(b"".join([memoryview(b"ab"), b"cd"]), bytearray(memoryview(b"xyz")), memoryview(b"ab") + b"" if False else "")
for bad in [
    lambda: memoryview("str"),
    lambda: memoryview(b"ab")[5],
    lambda: memoryview(b"ab").__setitem__(0, 1),
    lambda: hash(memoryview(bytearray(b"a"))),
    lambda: w.__setitem__(0, 256),
    lambda: w.__setitem__(0, "a"),
    lambda: w.__setitem__(slice(0, 2), b"abc"),
    lambda: memoryview(b"ab")["x"],
]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
with memoryview(b"ctx") as v:
    print(v.tobytes(), v.released if hasattr(v, "released") else None)
print(v.released if hasattr(v, "released") else None, repr(v).startswith("<released memory at 0x"))
try:
    v.tobytes()
except ValueError as e:
    print("ValueError", e)
print(repr(memoryview(b"")).startswith("<memory at 0x"), type(m).__name__)
