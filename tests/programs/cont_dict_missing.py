def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
print(c['x'], c, 'x' in c, c.get('x'))
c['a'] = c['a'] + 1
print(c)
class Default(dict):
    def __missing__(self, key):
        self[key] = [key]
        return self[key]
d = Default()
print(d[1], d[2], d)
class Raises(dict):
    def __missing__(self, key):
        raise KeyError('custom ' + str(key))
r = Raises()
t(lambda: r[5])
class NotMissing(dict):
    pass
n = NotMissing()
t(lambda: n[5])
class Attr(dict):
    __missing__ = None
t(lambda: Attr()[1])
print(isinstance(c, dict), type(c).__name__, repr(c), len(c))
class Rep(dict):
    def __repr__(self):
        return 'Rep(' + dict.__repr__(self) + ')'
print(Rep(a=1), [Rep()])
