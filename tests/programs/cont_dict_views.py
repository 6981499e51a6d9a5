def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {'a': 1, 'b': 2, 'c': 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
print(type(k).__name__, type(v).__name__, type(i).__name__)
print(len(k), len(v), len(i), 'a' in k, 1 in v, ('a', 1) in i, ('a', 2) in i, 'a' in i)
d['d'] = 4
print(k, v, i)
del d['a']
print(list(k), list(v), list(i))
print(list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(type(iter(k)).__name__, type(iter(v)).__name__, type(iter(i)).__name__)
print(type(reversed(k)).__name__, type(reversed(v)).__name__, type(reversed(i)).__name__)
print(k == {'b', 'c', 'd'}, k == ['b', 'c', 'd'], v == v, i == {('b', 2), ('c', 3), ('d', 4)})
t(lambda: hash(k))
t(lambda: hash(i))
print(hash(v) == hash(v))
print(bool({}.keys()), bool(k))
e = {}
print(e.keys(), e.values(), e.items())
t(lambda: ([], 1) in i)
print((1,) in i, (1, 2, 3) in i, 5 in i)
r = {}
r['self'] = r.values()
print(r)
it = iter(i)
print(it.__length_hint__(), next(it), it.__length_hint__())
print(sorted(d.items()), max(d.values()), sum(d.values()))
print(list(zip(d.keys(), d.values())))
print([key for key in k], [val * 2 for val in v])
print(dict(i), dict(zip(k, v)) == d)
