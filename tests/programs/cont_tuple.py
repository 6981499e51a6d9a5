def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

t_ = (1, 2, 3, 2)
print(t_, t_[0], t_[-1], len(t_), t_.count(2), t_.index(2), t_.index(2, 2), 3 in t_)
t(lambda: t_.index(9))
t(lambda: t_.count())
t(lambda: t_.index())
t(lambda: t_[9])
t(lambda: t_['a'])
print(t_ + (4,), t_ * 2, 2 * t_, () * 9, (1,) * 0)
t(lambda: t_ + [1])
print(tuple(), tuple([1, 2]), tuple(range(3)), tuple({1: 2}), tuple('') if False else tuple([]))
t(lambda: tuple(1))
t(lambda: tuple([1], [2]))
t(lambda: tuple(x=1))
x = (1, 2)
print(tuple(x) is x, x[:] is x if False else x[:] == x)
def assign():
    x[0] = 5
t(assign)
def delete():
    del x[0]
t(delete)
class T(tuple):
    pass
tt = T([1, 2])
print(tt, type(tt).__name__, tt == (1, 2), type(tt + (3,)).__name__, type(tt[:1]).__name__)
print((1,), (), ((1, 2), (3,)), (1, 'a', None))
a, *b = (1, 2, 3)
print(a, b)
print(sorted((3, 1, 2)), max((1, 5, 2)), list(reversed((1, 2, 3))))
print((1, 2) == [1, 2], (1, 2) != (1, 2))
t(lambda: hash((1, [2])))
