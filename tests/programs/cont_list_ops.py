def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2]
b = [3]
print(a + b, a * 3, 3 * a, a * 0, a * -1, [] * 5, [0] * 3)
t(lambda: a + (3,))
t(lambda: a + 'x')
t(lambda: a * 'x')
t(lambda: a * 1.5)
t(lambda: (1,) + [2])
t(lambda: a - b)
c = a
c += (5, 6)
print(c, a, c is a)
c *= 2
print(c, a is c)
c *= 0
print(c, a)
def iadd_bad():
    x = [1]
    x += 5
t(iadd_bad)
x = [[0]] * 3
x[0].append(1)
print(x)
print([1, 2] == [1, 2], [1, 2] != [1, 3], [1] < [1, 0], [2] > [1, 9], [] < [0], [1, 2] <= [1, 2], [3] >= [3, 0])
t(lambda: [1] < [None])
t(lambda: [1] < (1,))
print(len([1, 2, 3]), bool([]), bool([0]), 2 in [1, 2], 5 not in [1, 2])
print(list(), list([1]), list((1, 2)), list(range(3)), list({1: 2}), list({5}))
t(lambda: list(1))
t(lambda: list([1], [2]))
t(lambda: list(x=1))
l = [1, 2, 3]
print(l.__len__(), l.__getitem__(1), l.__contains__(3), l.__add__([4]), l.__mul__(2))
print(list.__len__(l), [].__class__.__name__)
t(lambda: hash([]))
print(list.__hash__)
