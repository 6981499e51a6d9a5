def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

f = frozenset([3, 1, 2])
print(f, repr(f), len(f), 2 in f, 5 in f)
print(frozenset(), frozenset([]), frozenset(f) is f, f.copy() is f)
print(hash(frozenset()), hash(frozenset([1, 2, 3])), hash(frozenset(['a', 'b'])))
print(hash(frozenset([1, 2, 3])) == hash(frozenset([3, 2, 1])))
print(hash(frozenset([(1, 2), frozenset([3])])))
print(hash(frozenset(range(100))))
print(hash(frozenset([-1, -2])))
d = {frozenset([1, 2]): 'x'}
print(d[frozenset([2, 1])])
print({1, 2} in {frozenset([1, 2])})
s = {frozenset([1, 2]), frozenset([3])}
s.remove({1, 2})
print(s)
s.discard({3})
print(s)
t(lambda: s.remove({9}))
print(f.union([9]), f.intersection([1, 9]), f.difference([1]), f.symmetric_difference([1, 9]))
print(type(f.union()).__name__, f.union() is f)
t(lambda: f.add(1))
t(lambda: f.pop())
t(lambda: frozenset(1))
t(lambda: frozenset([[]]))
t(lambda: frozenset([1], [2]))
t(lambda: frozenset(x=1))
print(frozenset({1: 2, 3: 4}), frozenset(range(5)))
print(hash(frozenset([1.5, 'x', None])) == hash(frozenset([None, 'x', 1.5])))
