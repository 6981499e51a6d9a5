def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(sorted([3, 1, 2]), sorted((3, 1, 2)), sorted({3: 0, 1: 0}), sorted({5, 4}), sorted(range(3, 0, -1)))
print(sorted([3, 1, 2], reverse=True), sorted(['bb', 'a', 'ccc'], key=len), sorted([1, -2, 3], key=abs, reverse=True))
print(sorted([], key=len), sorted([1], key=None), sorted([[3], [1, 2]]))
t(lambda: sorted())
t(lambda: sorted([], []))
t(lambda: sorted(1))
t(lambda: sorted([1], x=1))
t(lambda: sorted(iterable=[1]))
t(lambda: sorted([1, 'a']))
t(lambda: sorted([1, 2], key=lambda x: 'a' if x == 1 else 1))
l = [2, 1]
s = sorted(l)
print(s, l, s is l)
recs = [('bob', 30), ('alice', 25), ('carol', 30), ('dave', 25)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: (r[1], r[0])))
print(sorted(recs, key=lambda r: r[1], reverse=True))
print(sorted([0.5, 1, -1, 2 ** 70, -2.5]))
