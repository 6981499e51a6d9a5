def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b))
print(a.union([10, 11], (12,), {13: 1}), a.union())
print(a.intersection([1, 2, 99], [2, 1]), a.intersection())
print(a.difference([1], [2], {3}), a.difference())
print(a.symmetric_difference([5, 6, 6, 7]))
print(a, b)
big = set(range(100))
small = {3, 50, 200}
print(big & small, small & big, small - big, big - set(range(5, 100)))
print(big.difference({1: 2, 3: 4}).__len__(), small.difference({3: 0}))
print(set(range(20)) - {1})
print(set(range(20)).difference([1, 2, 3]))
print({1, 2} | frozenset([3]), frozenset([3]) | {1, 2})
print(type({1} | frozenset([2])).__name__, type(frozenset([2]) | {1}).__name__)
print(type(frozenset([1]) & {1}).__name__, type({1} - frozenset()).__name__)
t(lambda: {1} | [2])
t(lambda: {1} & (2,))
t(lambda: {1} - 'a')
t(lambda: {1} ^ None)
t(lambda: [1] | {2})
print({1, 2, 3}.isdisjoint({4, 5}), {1, 2}.isdisjoint([2]), set().isdisjoint([]))
print({(1, 2), (3, 4)} & {(1, 2)})
s = {1, 2, 3}
print(s.union(s), s & s, s - s, s ^ s)
print({1, 2}.intersection([1, 2, []]))
t(lambda: {1, 2}.intersection([[], 1]))
t(lambda: {1}.union([[]]))
