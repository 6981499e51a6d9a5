def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(sum([1, 2, 3]), sum([]), sum([], 5), sum([1, 2], 10), sum([1, 2], start=10), sum(range(101)))
print(sum([0.1] * 10), sum([0.1, 0.2, 0.3]), sum([1, 0.5]), sum([1e100, 1, -1e100]), sum([True, True, False]))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([1, 2 ** 64]), sum([2 ** 62, 2 ** 62, 2 ** 62]))
print(sum([1, 2.5, 3]), sum([0.5, 2 ** 60]), sum([-0.0]), sum([-0.0], -0.0), sum([], -0.0))
t(lambda: sum())
t(lambda: sum(1))
t(lambda: sum(['a']))
t(lambda: sum(['a', 'b'], ''))
t(lambda: sum([], b''))
t(lambda: sum([1], 2, 3))
t(lambda: sum([], x=1))
t(lambda: sum([1, None]))
t(lambda: sum([[1]], start=()))
class V:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return V(self.v + (other.v if isinstance(other, V) else other))
    __radd__ = __add__
    def __repr__(self):
        return 'V(' + repr(self.v) + ')'
print(sum([V(1), V(2)]), sum([V(1)], V(10)))
print(sum(x * x for x in [1]) if False else sum([x * x for x in [1, 2, 3]]))
print(sum({1: 'a', 2: 'b'}), sum({1.5, 2.5}))
