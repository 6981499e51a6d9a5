def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = [5, 2, 8, 1, 9, 3]
l.sort()
print(l)
l.sort(reverse=True)
print(l)
words = ['banana', 'Apple', 'cherry', 'apple', 'Banana']
print(sorted(words), sorted(words, key=len), sorted(words, key=len, reverse=True))
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
print(sorted(pairs), sorted(pairs, reverse=True))
t(lambda: sorted([1, 'a']))
t(lambda: [3, 2, None].sort())
t(lambda: [1].sort(key=1))
t(lambda: [1, 2].sort(key=1))
t(lambda: [1].sort(1))
t(lambda: [1].sort(cmp=None))
def mod():
    m = [3, 2, 1]
    def key(x):
        m.append(x)
        return x
    m.sort(key=key)
t(mod)
def keyerr():
    m = [3, 2, 1]
    def key(x):
        if x == 1:
            raise ValueError('bad key')
        return x
    m.sort(key=key)
    return m
t(keyerr)
big = [(i * 7919) % 1000 for i in range(300)]
s = sorted(big)
print(s[:10], s[-5:], s == sorted(s), len(s))
stable = [(i % 3, i) for i in range(20)]
print(sorted(stable, key=lambda x: x[0]))
print(sorted(stable, key=lambda x: x[0], reverse=True))
print(sorted([1.5, -2, 3, 0.5, True]), sorted([]), sorted((3, 1, 2)), sorted({3: 'a', 1: 'b'}))
print(sorted([[2], [1, 2], [1]]), sorted([{3}, {1}], key=lambda s: min(s)))
l = [3, 1, 2]
print(l.sort(), l)
print(sorted([-3, 2, -1], key=abs))
