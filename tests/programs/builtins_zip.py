def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(zip([1, 2, 3], ['a', 'b', 'c'])), list(zip([1, 2], [3])), list(zip()), list(zip([1, 2])))
print(list(zip([1], [2], [3], [4])), dict(zip(['k1', 'k2'], [1, 2])), list(zip(range(3), range(10, 13))))
print(list(zip([1, 2], [3, 4], strict=True)), list(zip([], [], strict=True)), list(zip(strict=True)))
t(lambda: list(zip([1, 2], [3], strict=True)))
t(lambda: list(zip([1], [3, 4], strict=True)))
t(lambda: list(zip([1], [3], [4, 5], strict=True)))
t(lambda: list(zip([1, 2], [3, 4], [5], strict=True)))
t(lambda: list(zip([1, 2], [3], [5], strict=True)))
t(lambda: list(zip([1, 2, 3], [4, 5, 6], [7, 8, 9, 10], strict=True)))
print(list(zip([1, 2], [3], strict=False)))
t(lambda: zip(1))
t(lambda: zip([], 2))
t(lambda: zip(x=1))
z = zip([1, 2], [3, 4])
print(type(z).__name__, iter(z) is z, next(z), list(z), list(z))
a, b = zip(*[(1, 'a'), (2, 'b'), (3, 'c')])
print(a, b)
print([x + y for x, y in zip([1, 2], [10, 20])])
it = iter([1, 2, 3, 4])
print(list(zip(it, it)))
def bad():
    class B:
        def __iter__(self):
            return self
        def __next__(self):
            raise ValueError('boom')
    return list(zip([1], B(), strict=True))
t(bad)
