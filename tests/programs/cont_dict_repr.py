def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {}
d['self'] = d
print(d, repr(d))
l = [d]
print(l)
a = {}
b = {'a': a}
a['b'] = b
print(a, b)
print({1: [1, 2], 2: (3,), 3: {4: 5}, 4: {6}, 5: 'x', 6: None, 7: 1.5})
class K:
    def __repr__(self):
        return 'K()'
print({K(): K()})
print({'q': "it's", 'r': 'say "hi"'})
e = {1: 1}
e[2] = e.keys()
print(e)
f = {}
f[1] = f.items()
print(f)
print(str({}), str({1: 2}), repr({'a': {}}))
