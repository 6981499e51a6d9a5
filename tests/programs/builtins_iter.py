def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

it = iter([1, 2])
print(type(it).__name__, next(it), next(it), next(it, 'end'))
t(lambda: next(it))
t(lambda: iter())
t(lambda: iter(1))
t(lambda: iter(1, 2))
t(lambda: iter([], 1))
t(lambda: iter(1, 2, 3))
t(lambda: iter([], x=1))
t(lambda: next(1))
t(lambda: next([]))
t(lambda: next())
t(lambda: next(iter([]), 1, 2))
t(lambda: next(iter([]), x=1))
state = [0]
def counter():
    state[0] += 1
    return state[0]
ci = iter(counter, 4)
print(type(ci).__name__, list(ci), list(ci))
class StopAt:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(iter(StopAt(), None)))
class G:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * i
print(list(G()), type(iter(G())).__name__, 4 in G(), 5 in G())
class NotIt:
    def __iter__(self):
        return 5
t(lambda: iter(NotIt()))
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
print(list(It()), iter(It()).__class__.__name__)
print(type(iter(())).__name__, type(iter({})).__name__, type(iter(set())).__name__, type(iter(range(1))).__name__)
print(type(iter({}.values())).__name__, type(iter({}.items())).__name__, type(iter(frozenset())).__name__)
li = iter([1, 2, 3])
print(li.__length_hint__(), next(li), li.__length_hint__())
ti = iter((1, 2))
print(ti.__length_hint__(), list(ti), ti.__length_hint__())
def raises():
    def f():
        raise ValueError('in callable')
    return list(iter(f, 0))
t(raises)
