def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class S(set):
    pass
class F(frozenset):
    pass
s = S([1, 2])
f = F([3])
print(s, f, repr(S()), repr(F()))
print(type(s | {3}).__name__, type(s.copy()).__name__, type(f | {1}).__name__, type(f.copy()).__name__)
print(type(s & s).__name__, type(s - {1}).__name__, type(f ^ {3}).__name__)
print(s == {1, 2}, f == frozenset([3]), isinstance(s, set), isinstance(f, frozenset))
print(hash(f) == hash(frozenset([3])))
t(lambda: S(1, 2))
t(lambda: F(1, 2))
class R(set):
    def __repr__(self):
        return 'R!'
print(R([1]), [R([2])])
class Key:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v
    def __repr__(self):
        return 'Key(%r)' % (self.v,) if False else 'Key(' + repr(self.v) + ')'
ks = {Key(1), Key(2), Key(1), Key(3)}
print(len(ks), Key(2) in ks, Key(5) in ks)
ks.remove(Key(2))
print(len(ks), Key(2) in ks)
class Noisy:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v % 2
    def __eq__(self, other):
        print('eq', self.v, other.v)
        return self.v == other.v
ns = {Noisy(1), Noisy(3), Noisy(5)}
print(len(ns))
print(Noisy(3) in ns)
