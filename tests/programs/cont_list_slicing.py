def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = list(range(10))
print(l[2:5], l[:3], l[7:], l[-3:], l[:-7], l[::2], l[1::3], l[::-1], l[8:2:-2], l[-1:-4:-1])
print(l[100:], l[-100:2], l[5:2], l[::-3], l[3:3], l[None:None:None])
print(l[slice(2, 6)], l[slice(None, None, 4)])
t(lambda: l[::0])
t(lambda: l['a':])
t(lambda: l[1.5])
t(lambda: l[10])
t(lambda: l[-11])
t(lambda: l['x'])
print(l[-1], l[0], l[True], l[2**62 - 2**62 + 3])
t(lambda: l[2**70])
t(lambda: l[-2**70])
print(l[2**70:], l[-2**70:2], l[:2**70][:3])
class I:
    def __index__(self):
        return 2
print(l[I()], l[I():I() + 2] if False else l[I():4])
t = (0, 1, 2, 3, 4)
print(t[1:3], t[::-1], t[::2], t[-2:], type(t[1:2]).__name__, t[5:])
