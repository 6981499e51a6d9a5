def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(enumerate(['a', 'b', 'c'])), list(enumerate(['a', 'b'], 5)), list(enumerate(['x'], start=-3)))
print(list(enumerate(iterable=['q'], start=2)), list(enumerate(start=1, iterable=['w'])), list(enumerate([])))
print(list(enumerate(['a'], True)), list(enumerate(['a', 'b'], 2 ** 63 - 1)), list(enumerate([1], 10 ** 30)))
t(lambda: enumerate())
t(lambda: enumerate(1))
t(lambda: enumerate([], 'a'))
t(lambda: enumerate([], 1.5))
t(lambda: enumerate([], 1, 2))
t(lambda: enumerate(x=1))
t(lambda: enumerate([], start=1, x=2))
e = enumerate([10, 20])
print(type(e).__name__, iter(e) is e, next(e), next(e))
t(lambda: next(e))
for i, x in enumerate(range(3), 1):
    print(i, x)
print(dict(enumerate(['a', 'b'])))
class I:
    def __index__(self):
        return 7
print(list(enumerate([0], I())))
class E(enumerate):
    pass
print(list(E([5, 6])), type(E([])).__name__)
print([(i, j) for i, j in enumerate({'k': 1, 'l': 2}.items())])
