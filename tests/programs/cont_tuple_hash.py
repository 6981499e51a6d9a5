print(hash(()), hash((1,)), hash((1, 2)), hash((1, 2, 3)))
print(hash(('a', 'b')), hash((1.5, -1)), hash(((1, 2), (3, 4))))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((True,)) == hash((1,)))
print(hash((-1,)), hash((-2,)), hash((2**64,)), hash((frozenset([1]),)))
print(hash(tuple(range(100))))
d = {(1, 2): 'a', (1, 2.0): 'b'}
print(d)
print({(1, 2), (2, 1), (1, 2)})
