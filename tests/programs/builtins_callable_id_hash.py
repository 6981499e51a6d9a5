def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class C:
    def __call__(self):
        return 1
class D:
    pass
print(callable(len), callable(C), callable(C()), callable(D()), callable(1), callable(lambda: 0), callable(print), callable(int))
t(lambda: callable())
t(lambda: callable(1, 2))
a = []
print(id(a) == id(a), id(a) != id([]), type(id(a)).__name__, id(None) == id(None))
t(lambda: id())
print(hash(1), hash(-1), hash(0), hash(2 ** 61 - 1), hash(2 ** 61), hash(-2 ** 61), hash(10 ** 30))
print(hash(1.0), hash(1.5), hash(-0.5), hash(0.0), hash(-0.0), hash(float('inf')), hash(True), hash(False))
print(hash((1, 2)), hash(frozenset([1])), hash(range(3)) == hash(range(0, 3)))
print(hash('') , hash(b''), hash('abc') == hash('abc'))
t(lambda: hash([]))
t(lambda: hash({}))
t(lambda: hash(set()))
t(lambda: hash(([],)))
t(lambda: hash())
class H:
    def __hash__(self):
        return 2 ** 70
print(hash(H()))
class HN:
    __hash__ = None
t(lambda: hash(HN()))
class HBad:
    def __hash__(self):
        return 'x'
t(lambda: hash(HBad()))
class HNeg:
    def __hash__(self):
        return -1
print(hash(HNeg()))
