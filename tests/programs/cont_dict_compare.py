def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 2} != {2: 2}, {} == {})
print({1: 2, 3: 4} == {3: 4, 1: 2}, {1: 2} == {1: 2, 3: 4})
print({1: 1.0} == {1.0: 1}, {'a': [1]} == {'a': [1]})
t(lambda: {1: 2} < {1: 2})
t(lambda: {} <= {})
t(lambda: {} > {})
print({1: 2} == [(1, 2)], {} == set(), {} != 0)
class D(dict):
    pass
print(D(a=1) == {'a': 1}, {'a': 1} == D(a=1))
class Eq:
    def __eq__(self, other):
        print('Eq.__eq__')
        return True
    __hash__ = object.__hash__
x = Eq()
print({1: x} == {1: 5})
nan = float('nan')
print({1: nan} == {1: nan})
print({1: [nan]} == {1: [nan]})
