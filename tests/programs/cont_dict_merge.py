def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = {'x': 1, 'y': 2}
b = {'y': 20, 'z': 30}
print(a | b, b | a, a, b)
c = a
c |= b
print(c, a, c is a)
a |= [('w', 0)]
print(a)
a |= {}
print(a)
t(lambda: a | [('q', 1)])
t(lambda: a | 1)
t(lambda: [('q', 1)] | a)
def ior_int():
    x = {}
    x |= 1
t(ior_int)
def ior_bad():
    x = {}
    x |= [1]
t(ior_bad)
class D(dict):
    pass
d = D(a=1)
print(type(d | {}).__name__, type({} | d).__name__, d | {'b': 2})
print({1: 2} | {1: 3}, {1: 2} | {1.0: 3})
e = {}
e.update(a, q=5)
print(e)
