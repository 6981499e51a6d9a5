def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

nan = float('nan')
l = [nan]
print(l == l, [nan] == [nan], l[0] == l[0])
class Cmp:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print('eq', self.v, other.v)
        return self.v == other.v
    def __lt__(self, other):
        print('lt', self.v, other.v)
        return self.v < other.v
    def __repr__(self):
        return 'C' + str(self.v)
a = [Cmp(1), Cmp(2)]
b = [Cmp(1), Cmp(3)]
print(a < b)
print(a == b)
print([Cmp(5)] == [Cmp(5), Cmp(6)])
print(Cmp(2) in [Cmp(1), Cmp(2), Cmp(3)])
print([Cmp(1), Cmp(2)].index(Cmp(2)))
print([Cmp(1), Cmp(1)].count(Cmp(1)))
x = [1, 2, 3]
y = [1, 2, 3]
print(x == y, x is y, x < y, x <= y)
print((1, 2) < (1, 3), (1, 2) == (1, 2.0), () < (0,), (1,) > ())
t(lambda: (1,) < ('a',))
print([[1, 2], [1]] < [[1, 2], [2]])
