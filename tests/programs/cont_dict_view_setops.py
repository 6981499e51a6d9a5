def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {'a': 1, 'b': 2, 'c': 3}
e = {'b': 20, 'c': 3, 'z': 0}
k = d.keys()
print(k | e.keys(), k & e.keys(), k - e.keys(), k ^ e.keys())
print(k | ['q'], k & ['a', 'x'], k - ['a'], k ^ ['a', 'w'])
print(['a', 'w'] | k, ['a'] & k, ['a', 'q'] - k, ['a', 'w'] ^ k)
print(d.items() & e.items(), d.items() - e.items(), d.items() ^ e.items())
print(d.items() | {('x', 9)}, d.items() & {('a', 1), ('a', 2)})
print(k.isdisjoint(['x']), k.isdisjoint({'a'}), d.items().isdisjoint(e.items()))
print(k == {'a', 'b', 'c'}, k != {'a'}, k < {'a', 'b', 'c', 'd'}, k <= {'a', 'b', 'c'}, k > {'a'}, k >= k)
print({'a', 'b', 'c'} == k, frozenset('abc') == k if False else frozenset(['a', 'b', 'c']) == k)
print(d.keys() == e.keys(), d.keys() == {'c': 0, 'b': 0, 'a': 0}.keys())
print(d.items() == {('a', 1), ('b', 2), ('c', 3)})
print(type(k | k).__name__, type(k & {'a'}).__name__, type(frozenset(['a']) & k).__name__)
print({'a'} - k, {'a', 'q'} ^ k, {'zz'} | k)
t(lambda: k | 1)
t(lambda: 1 | k)
t(lambda: k & 1)
t(lambda: k - 1)
t(lambda: k ^ None)
t(lambda: d.values() | d.values())
t(lambda: k | [[]])
t(lambda: k.isdisjoint(5))
t(lambda: k < [1])
x = {1: 'a', 2: 'b'}
print(x.items() ^ {1: 'a', 3: 'c'}.items())
print(x.keys() & range(5), x.keys() - range(2))
