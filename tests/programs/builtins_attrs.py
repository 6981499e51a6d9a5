def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class O:
    cls_attr = 'c'
    def method(self):
        return 'm'
o = O()
setattr(o, 'x', 1)
print(getattr(o, 'x'), getattr(o, 'y', 'dflt'), hasattr(o, 'x'), hasattr(o, 'y'), getattr(o, 'cls_attr'), getattr(o, 'method')())
delattr(o, 'x')
print(hasattr(o, 'x'))
t(lambda: delattr(o, 'x'))
t(lambda: getattr(o, 'nope'))
t(lambda: getattr(o))
t(lambda: getattr(o, 1))
t(lambda: getattr(o, 'a', 'b', 'c'))
t(lambda: hasattr(o))
t(lambda: hasattr(o, None))
t(lambda: setattr(o, 'a'))
t(lambda: setattr(o, 5, 1))
t(lambda: setattr(1, 'real', 5))
t(lambda: setattr([], 'x', 1))
t(lambda: delattr(o))
t(lambda: delattr(o, 1))
t(lambda: getattr([], 'nope'))
t(lambda: getattr(O, 'nope'))
class P:
    @property
    def p(self):
        raise AttributeError('inside')
    @property
    def q(self):
        raise ValueError('other')
print(hasattr(P(), 'p'), getattr(P(), 'p', 'fallback'))
t(lambda: hasattr(P(), 'q'))
t(lambda: getattr(P(), 'q', 1))
class G:
    def __getattr__(self, name):
        return name + '!'
print(getattr(G(), 'zz'), hasattr(G(), 'anything'))
setattr(O, 'added', 5)
print(O.added, o.added)
