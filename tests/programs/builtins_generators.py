def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
print(sum(x * x for x in range(10)), any(x > 2 for x in [1, 2, 3]), all(x for x in [1, 0]))
print(sorted(x % 5 for x in range(12)), set(x % 4 for x in range(10)), frozenset(c for c in [3, 1, 3]))
print(dict((k, k * 2) for k in range(4)), list(zip((i for i in range(3)), 'xyz' if False else [7, 8, 9])))
print(max((x for x in [3, 9, 2]), key=lambda v: -v), min(x for x in [5, 4]), tuple(x for x in [1, 2]))
t(lambda: max(x for x in []))
print(list(enumerate(x * 10 for x in range(3))), list(map(lambda a, b: a + b, (i for i in [1, 2]), [10, 20])))
print(list(filter(None, (x % 3 for x in range(7)))))
def gen():
    yield 1
    yield 2
    return 3
g = gen()
print(list(zip(g, g)), list(g))
def strict_gen():
    return list(zip(gen(), [1], strict=True))
t(strict_gen)
s = {1, 2, 3}
s.update(x + 10 for x in range(3))
print(s, s.issuperset(x for x in [1, 10]), s.isdisjoint(x for x in [99]))
d = {}
d.update((str(i), i) for i in range(3))
print(d, list(d.keys() & (k for k in ['0', 'z'])))
l = [5, 3]
l.extend(x for x in [1, 2])
print(l, sorted(l), l.index(3))
it = iter(x for x in [1, 2])
print(next(it), next(it), next(it, 'end'))
print(list(reversed([x for x in range(4)])))
t(lambda: reversed(x for x in [1]))
t(lambda: len(x for x in [1]))
print(sum((x for x in [0.5, 0.25]), 1.0))
