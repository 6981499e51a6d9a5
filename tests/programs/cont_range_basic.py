def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

r = range(10)
print(r, range(2, 5), range(0, 10, 3), range(10, 0, -2), range(-5))
print(list(r), list(range(2, 5)), list(range(0, 10, 3)), list(range(10, 0, -2)), list(range(-5)))
print(len(r), len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 5)), len(range(5, 0)))
print(r[0], r[-1], r[3], range(0, 10, 3)[-1], range(10, 0, -3)[2])
t(lambda: r[10])
t(lambda: r[-11])
t(lambda: r['a'])
t(lambda: r[1.5])
print(r.start, r.stop, r.step, range(3).start, range(1, 9, 2).step)
print(3 in r, 10 in r, -1 in r, 3.0 in r, 3.5 in r, 'a' in r, True in r)
print(6 in range(0, 10, 3), 7 in range(0, 10, 3), 4 in range(10, 0, -3), 7 in range(10, 0, -3))
print(r.index(4), range(0, 10, 3).index(9), r.count(3), r.count(11), r.count(3.0), range(5).count(True))
t(lambda: r.index(10))
t(lambda: r.index('a'))
t(lambda: r.index(3.5))
t(lambda: range())
t(lambda: range(1, 2, 3, 4))
t(lambda: range(1, 2, 0))
t(lambda: range(1.5))
t(lambda: range('a'))
t(lambda: range(1, 'b'))
t(lambda: range(x=1))
print(bool(range(0)), bool(range(1)), range(True, 3), range(False))
class I:
    def __index__(self):
        return 4
print(range(I()), range(I(), 10, I()), list(range(I())))
print(list(reversed(range(5))), list(reversed(range(1, 10, 3))), list(reversed(range(0))), list(reversed(range(10, 0, -4))))
print(type(iter(r)).__name__, type(reversed(r)).__name__)
it = iter(range(3))
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
print(sum(range(101)), max(range(7)), min(range(3, 9)), sorted(range(5, 0, -1)))
print([i * i for i in range(5)], {i for i in range(3)}, {i: -i for i in range(3)})
total = 0
for i in range(1000):
    total += i
print(total)
