def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(reversed([1, 2, 3])), list(reversed((1, 2, 3))), list(reversed(range(4))), list(reversed({'a': 1, 'b': 2})))
print(list(reversed({'a': 1}.items())), list(reversed([])), list(reversed(())))
print(type(reversed([])).__name__, type(reversed(())).__name__, type(reversed({})).__name__)
t(lambda: reversed(1))
t(lambda: reversed({1}))
t(lambda: reversed())
t(lambda: reversed([], []))
t(lambda: reversed(x=[]))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(Seq())))
class Rev:
    def __reversed__(self):
        return iter(['custom'])
print(list(reversed(Rev())))
class NoRev:
    __reversed__ = None
    def __len__(self):
        return 1
    def __getitem__(self, i):
        return i
t(lambda: reversed(NoRev()))
class Short:
    def __len__(self):
        return 5
    def __getitem__(self, i):
        if i > 2:
            raise IndexError(i)
        return i
print(list(reversed(Short())))
l = [1, 2, 3]
r = reversed(l)
print(r.__length_hint__(), next(r))
l.append(4)
print(list(r))
r = reversed(l)
l.clear()
print(list(r))
rt = reversed((1, 2))
print(rt.__length_hint__(), next(rt), rt.__length_hint__(), next(rt), rt.__length_hint__())
t(lambda: next(rt))
class R2(reversed):
    pass
print(list(R2([1, 2])), type(R2([1])).__name__)
