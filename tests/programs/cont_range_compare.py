def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(range(3) == range(3), range(3) == range(0, 3, 1), range(0) == range(5, 5), range(0) == range(4, 2, 3))
print(range(0, 3, 2) == range(0, 4, 2), range(1, 2) == range(1, 5, 10), range(3) != range(4))
print(range(3) == [0, 1, 2], range(3) == (0, 1, 2), range(1) != 1)
t(lambda: range(3) < range(4))
t(lambda: range(1) <= range(1))
print(hash(range(3)) == hash(range(0, 3, 1)), hash(range(0)) == hash(range(9, 2)), hash(range(1, 2)) == hash(range(1, 3, 5)))
print(hash(range(0)) == hash((0, None, None)), hash(range(1, 2)) == hash((1, 1, None)), hash(range(2, 10, 3)) == hash((3, 2, 3)))
d = {range(3): 'a'}
print(d[range(0, 3)], range(3) in {range(0, 3, 1)})
