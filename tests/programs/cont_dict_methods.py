def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0))
print(d.setdefault('a', 9), d.setdefault('c', 3), d.setdefault('d'), d)
print(d.pop('d'), d.pop('zz', 'default'), d)
t(lambda: d.pop('zz'))
print(d.popitem(), d)
d['x'] = 10
print(d.popitem(), d.popitem(), d)
t(lambda: {}.popitem())
d = {1: 'one', 2: 'two'}
c = d.copy()
c[3] = 'three'
print(d, c, type(c).__name__)
print(d.clear(), d, len(d))
t(lambda: d.get())
t(lambda: d.get(1, 2, 3))
t(lambda: d.pop())
t(lambda: d.setdefault())
t(lambda: d.keys(1))
t(lambda: d.copy(1))
t(lambda: d.clear(1))
t(lambda: d.popitem(1))
t(lambda: d.get([]))
t(lambda: d.setdefault([], 1))
t(lambda: d[[]])
t(lambda: d['missing'])
def delete():
    e = {1: 2}
    del e[1]
    del e[1]
t(delete)
d = {}
for i in range(20):
    d[i * 7 % 13] = i
print(d)
for k in [0, 5, 12]:
    del d[k]
print(d, len(d), 5 in d, 6 in d)
d.update({5: 'five'}, six=6)
print(d)
print(list(d), list(d.keys()) == list(d))
