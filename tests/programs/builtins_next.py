def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

it = iter([1, 2, 3])
print(next(it), next(it, 'd'), next(it), next(it, 'd'), next(it, None))
t(lambda: next(it))
d = iter({'a': 1})
print(next(d), next(d, 'end'))
s = iter({7})
print(next(s), next(s, 'done'))
r = iter(range(2))
print(next(r), next(r), next(r, -1))
class C:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 2:
            raise StopIteration
        return self.i
c = C()
print(next(c), next(c), next(c, 'stop'), list(C()))
class Bad:
    def __next__(self):
        raise KeyError('k')
t(lambda: next(Bad()))
t(lambda: next(Bad(), 1))
z = zip([1], [2])
print(next(z), next(z, 'zdone'))
e = enumerate([9])
print(next(e), next(e, 'edone'))
