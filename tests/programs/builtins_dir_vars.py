def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class A:
    x = 1
    def m(self):
        pass
a = A()
a.y = 2
print([n for n in dir(a) if n in ('m', 'x', 'y', 'z')], [n for n in dir(A) if n in ('m', 'x', 'y')])
print(vars(a), sorted(vars(A).keys())[-2:] if False else 'x' in vars(A))
t(lambda: vars(1))
t(lambda: vars(1, 2))
t(lambda: dir(1, 2))
def f():
    local1 = 1
    local2 = 'b'
    return sorted(locals().items()), sorted(dir())
print(f())
g = globals()
print(g['A'] is A, '__name__' in g, g['__name__'])
print(sorted(k for k in [1]) if False else 'dir' in dir(__builtins__) if False else type(globals()).__name__)
print('append' in dir([]), 'keys' in dir({}), 'union' in dir(set()), 'start' in dir(range(1)))
