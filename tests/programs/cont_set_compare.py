def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = {1, 2}
b = {1, 2, 3}
print(a < b, a <= b, a > b, a >= b, a == b, a != b)
print(b < a, b <= a, b > a, b >= a)
print(a < a, a <= a, a == set([2, 1]))
print(a == frozenset([1, 2]), frozenset([1, 2]) == a)
print(a == [1, 2], a != [1, 2], a == {1: 0, 2: 0})
print(a.issubset(b), a.issubset([1, 2, 3, 4]), b.issubset(a), a.issubset(a))
print(b.issuperset(a), b.issuperset([1]), a.issuperset((1, 2, 3)))
print(set().issubset(set()), set() < set(), set() <= {1})
t(lambda: a < [1, 2, 3])
t(lambda: a <= (1,))
t(lambda: a.issubset(5))
t(lambda: a.issuperset([[]]))
t(lambda: {1}.issubset([1, []]))
print({1, 2} == {2, 1}, {1, 2} != {1, 3})
print(frozenset() == set(), {frozenset([1])} == {frozenset([1])})
print({1.0, 2} == {1, 2.0})
print(sorted([{3}, {1, 2}], key=len))
