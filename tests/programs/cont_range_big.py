def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

big = 10 ** 20
r = range(big)
print(r, r[5], r[-1], r[big - 1], big - 1 in r, big in r, 10 ** 19 in r)
t(lambda: len(r))
t(lambda: r[big])
print(range(big, big + 3), list(range(big, big + 3)), len(range(big, big + 3)))
print(list(range(-big, -big - 6, -2)), range(0, big, 3)[::-1])
print(type(iter(r)).__name__, type(iter(range(3))).__name__, type(reversed(r)).__name__)
it = iter(range(2 ** 63 - 2, 2 ** 63 + 2))
print(type(it).__name__, list(it))
print(list(reversed(range(2 ** 64, 2 ** 64 + 3))))
print(r.index(12345), r.count(big - 1), range(0, big, 7).index(7 * 10 ** 18))
print(range(2 ** 62, 2 ** 62 + 2)[1], range(-2 ** 63, 2 ** 63)[0])
t(lambda: len(range(-2 ** 63, 2 ** 63)))
print(range(2 ** 100) == range(2 ** 100), hash(range(big)) == hash(range(big)))
it = iter(range(big, big + 2))
print(it.__length_hint__(), next(it), next(it))
t(lambda: next(it))
print(list(range(2 ** 63 - 1, 2 ** 63 + 1)), list(range(-2 ** 63 + 1, -2 ** 63 - 2, -1)))
