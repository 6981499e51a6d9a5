def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(len([]), len([1, 2]), len(()), len((1,)), len({}), len({1: 2}), len(set()), len({1, 2}), len(range(5)))
print(len(frozenset([1, 1])), len({}.keys()), len({1: 1}.items()), len(range(0, 100, 7)), len(b'abc'), len('hello'))
t(lambda: len())
t(lambda: len(1))
t(lambda: len(None))
t(lambda: len([], []))
t(lambda: len(x=1))
t(lambda: len(iter([])))
class L:
    def __len__(self):
        return 42
class Neg:
    def __len__(self):
        return -1
class NotInt:
    def __len__(self):
        return 'a'
class Big:
    def __len__(self):
        return 2 ** 70
print(len(L()))
t(lambda: len(Neg()))
t(lambda: len(NotInt()))
print(bool(L()), bool([]), bool(range(0)))
