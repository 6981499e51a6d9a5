import itertools as it

def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(list(r) if hasattr(r, '__next__') else r)
    except Exception as e:
        print(type(e).__name__, e)

print([(k, list(g)) for k, g in it.groupby('aabbbcaa')])
print([(k, list(g)) for k, g in it.groupby('aAbBBc', key=str.lower)])
print([k for k, g in it.groupby([1, 1, 2, 3, 3, 3])])
g = it.groupby('aabbc')
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, k2, list(g1), list(g2), [(k, list(v)) for k, v in g])
g = it.groupby('aaab')
k, grp = next(g)
print(k, next(grp), type(grp).__name__, type(g).__name__)
print([(k, list(v)) for k, v in g], list(grp))
print(list(it.groupby([])), [(k, list(v)) for k, v in it.groupby([1, 2], key=None)])
attempt(it.groupby, 1)
attempt(it.groupby, [1], 2, 3)
print([(k, list(v)) for k, v in it.groupby(iterable=[1], key=lambda x: -x)])

a, b = it.tee(iter([1, 2, 3]))
print(type(a).__name__, next(a), list(b), list(a))
c = a.__copy__()
print(list(c))
x, y, z = it.tee(range(200), 3)
print(sum(x), list(it.islice(y, 3)), len(list(z)), list(y)[-1])
print(len(it.tee([1])), it.tee([1], 0), len(it.tee('ab', 5)))
t1, t2 = it.tee('abc')
u1, u2 = it.tee(t1)
print(list(u1), list(u2), list(t2))
attempt(it.tee, [1], -1)
attempt(it.tee, [1], 'a')
attempt(it.tee, 1)
attempt(it.tee, [1], n=2)
print(list(it._tee([4, 5])), type(it._tee([1])).__name__)
attempt(it._tee, 1)

class Copyable:
    def __init__(self, start):
        self.i = start
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i
    def __copy__(self):
        return Copyable(self.i)

p, q = it.tee(Copyable(0))
print(type(p).__name__, list(p), list(q))

def gen():
    yield from range(3)

big = it.tee(range(100000))
print(sum(big[0]), sum(big[1]))
print(sorted(x for x in dir(it) if x.startswith('_') and not x.startswith('__')))
print(sorted(x for x in dir(it) if not x.startswith('_')))
