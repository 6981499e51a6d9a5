def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(min([3, 1, 2]), max([3, 1, 2]), min(3, 1, 2), max(3, 1, 2), min('b', 'a'), max([[1], [2]]))
print(min([1, 2], key=lambda x: -x), max(['aa', 'b', 'ccc'], key=len), min([], default='d'), max([], default=None))
print(min([(1, 'b'), (1, 'a')]), max([1, 1.0]), max([1.0, 1]), min([2, 1, 1.0]), max(1, 2, key=None))
print(max([3, 1, 3], key=lambda x: 0), min(['x', 'y'], key=lambda s: 0))
t(lambda: min())
t(lambda: max())
t(lambda: min(1))
t(lambda: min([]))
t(lambda: max(()))
t(lambda: min(1, 2, default=3))
t(lambda: max([1], x=1))
t(lambda: max([1, 'a']))
t(lambda: min(['a', 1]))
t(lambda: max([1, 2], key=5))
order = []
def k(x):
    order.append(x)
    return x
print(max([3, 5, 4], key=k), order)
print(max(range(10)), min(range(5, 10)), max({'a': 1, 'z': 0}), min({4, 2, 8}))
print(max([], default=[]), min(iter([7])))
