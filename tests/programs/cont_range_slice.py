def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

r = range(10)
print(r[2:5], r[::2], r[::-1], r[1:8:3], r[-3:], r[:100], r[100:], r[5:2], r[::-3])
r2 = range(3, 30, 4)
print(r2[1:4], r2[::-1], r2[::2], list(r2[::-2]), r2[-2:], r2[:-2])
r3 = range(20, 0, -3)
print(r3[1:3], r3[::-1], list(r3[::-1]), r3[::2])
t(lambda: r[::0])
t(lambda: r['a':])
print(range(0)[::-1], range(5)[10:20], range(5)[-10:-20:-1])
class I:
    def __index__(self):
        return 2
print(r[I():], r[:I()], r[::I()])
print(slice(1, 2).indices(10), slice(None).indices(3), slice(-3, None, -1).indices(5), slice(1, 100, 3).indices(10))
print(slice(None, None, -2).indices(7), slice(-100, 100).indices(4), slice(5, 2).indices(10))
t(lambda: slice(1, 2, 0).indices(3))
t(lambda: slice(1).indices(-1))
t(lambda: slice('a').indices(5))
t(lambda: slice(1).indices('a'))
print(slice(2 ** 70).indices(5), slice(-2 ** 70, None).indices(5))
