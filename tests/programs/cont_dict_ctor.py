def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(dict(), dict({'a': 1}), dict([('a', 1), ('b', 2)]), dict(a=1, b=2))
print(dict({'a': 1}, b=2), dict([('a', 1)], a=3), dict(zip([1, 2], [3, 4])))
print(dict([[1, 2], (3, 4)]), dict(((1, 2),)), dict({1: 2}.items()))
class M:
    def keys(self):
        return ['x', 'y']
    def __getitem__(self, k):
        return k + '!'
print(dict(M()))
t(lambda: dict(1))
t(lambda: dict([1]))
t(lambda: dict([(1, 2, 3)]))
t(lambda: dict([(1,)]))
t(lambda: dict({}, {}))
t(lambda: dict([([], 1)]))
t(lambda: {}.update(1))
t(lambda: {}.update([1, 2]))
t(lambda: {}.update({}, {}))
d = {}
d.update([(1, 2)], x=3)
print(d)
d.update(M())
print(d)
d.update()
print(d)
print(dict.fromkeys([1, 2, 3]), dict.fromkeys([1, 2], 0), dict.fromkeys({}), dict.fromkeys({'q': 1}, []))
t(lambda: dict.fromkeys())
t(lambda: dict.fromkeys(1))
t(lambda: dict.fromkeys([], 1, 2))
t(lambda: dict.fromkeys([[]]))
class D(dict):
    pass
x = D.fromkeys([1, 2], 'v')
print(type(x).__name__, x)
class E(dict):
    def __setitem__(self, k, v):
        print('set', k, v)
        dict.__setitem__(self, k, v)
print(E.fromkeys([1, 2], 5))
print({}.fromkeys([3]))
print(dict(dict(a=1)), dict(a=1) == {'a': 1})
print({1: 'a', 1.0: 'b', True: 'c'})
print({(1, 2): 3, 'k': [1], None: None})
