def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print({3, 1, 'a', 2.5})
print({'apple', 'banana', 'cherry', 'date', 'elderberry'})
print({(1, 2), (2, 1), (0, 0), None, True, 0.5})
s = {0, 8, 16}
s.remove(0)
s.remove(16)
s.add(24)
print(s)
s = set()
for i in [5, 13, 21, 29, 37, 45, 53]:
    s.add(i)
    print(s)
s = set(range(0, 100, 7))
print(s)
s = {-1, -2, -3, 2**61 - 1, 2**61, 2**64 + 5, -(2**63)}
print(s)
s = {1.5, 2.25, -0.5, 1e100, float('inf'), 3.0}
print(s)
names = ['x%d' % i if False else 'name' + str(i) for i in range(30)]
print(set(names))
s = set()
for i in range(50):
    s.add(i * 37 % 101)
print(s)
for i in range(0, 50, 3):
    s.discard(i * 37 % 101)
print(s)
for i in range(200, 230):
    s.add(i)
print(s)
print(set([3, 2, 1, 3, 2, 1]))
print({None, False, 0, 0.0})
