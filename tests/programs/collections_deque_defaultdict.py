# _collections: deque and defaultdict, as collections re-exports them.
from _collections import deque, defaultdict, _count_elements

d = deque([1, 2, 3], maxlen=5)
print(d, repr(deque()), deque("ab"), d.maxlen, deque().maxlen, len(d), bool(deque()))
d.append(4); d.appendleft(0); d.append(5)
print(d, d[0], d[-1], 3 in d, 9 in d, d.count(3), d.index(3), list(reversed(d)))
d.extend([6, 7]); d.extendleft("xy")
print(d, d.pop(), d.popleft(), d)
d.rotate(2); print(d); d.rotate(-3); print(d); d.reverse(); print(d)
d[0] = "first"; del d[1]; print(d)
d.insert(1, "ins"); d.remove(4); print(d)
c = d.copy(); c.clear(); print(c, d == d.copy(), d != c, deque([1, 2]) < deque([1, 3]))
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, deque([1, 2], maxlen=3) * 3)
e = deque([1]); e += [2, 3]; e *= 2; print(e)
print(type(d).__name__, type(d).__module__, deque.__module__, deque[int])
print(d.__reduce__()[1], deque(maxlen=0), deque([1, 2, 3], 0))
r = deque(); r.append(r); print(r)
class Q(deque):
    pass
print(Q([1, 2]), Q([1], maxlen=4))

for f in [
    lambda: deque().pop(),
    lambda: deque().popleft(),
    lambda: deque([1]).remove(2),
    lambda: deque([1]).index(2),
    lambda: deque([1])[5],
    lambda: deque(maxlen=-1),
    lambda: deque([1], 2, 3),
    lambda: hash(deque()),
    lambda: deque([1]) + [1],
    lambda: deque([1], maxlen=1).insert(0, 2),
    lambda: deque(maxlen="a"),
]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
m = deque([1, 2])
try:
    for x in m:
        m.append(3)
except RuntimeError as e:
    print("RuntimeError", e)

dd = defaultdict(list)
dd["a"].append(1)
dd["b"]
print(dd, repr(defaultdict()), dd.default_factory, dict(dd), isinstance(dd, dict))
print(defaultdict(int, {"x": 1}, y=2), defaultdict(None, [("k", "v")]))
cp = dd.copy()
print(cp, cp is dd, type(cp).__name__, cp.default_factory is list)
try:
    defaultdict(1)
except TypeError as e:
    print("TypeError", e)
try:
    defaultdict()["x"]
except KeyError as e:
    print("KeyError", e)
counts = {}
_count_elements(counts, "abracadabra")
print(sorted(counts.items()))
print(type(dd).__module__, defaultdict.__name__, dd.__reduce__()[:2])
