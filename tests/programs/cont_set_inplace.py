def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = {1, 2, 3}
t_ = s
s |= {4}
print(s, s is t_)
s &= {1, 2, 4, 9}
print(s, s is t_)
s -= {1}
print(s, s is t_)
s ^= {2, 7}
print(s, s is t_)
def f():
    s = {1}
    s |= [2]
t(f)
def g():
    s = {1}
    s &= (1,)
t(g)
f1 = frozenset([1, 2])
f2 = f1
f1 |= {3}
print(f1, f2, f1 is f2)
f1 -= {1}
print(f1, f2)
s = {1, 2, 3}
print(s.update([4], (5, 6), {7}), s)
print(s.intersection_update([1, 2, 3, 4], {2, 3, 4, 5}), s)
print(s.difference_update([2], {3}), s)
print(s.symmetric_difference_update([4, 8, 9]), s)
s = set(range(30))
s.difference_update(range(25))
print(s)
s.update({100: 'a', 200: 'b'})
print(s)
s.intersection_update()
print(s)
s.symmetric_difference_update(s)
print(s)
s = set(range(10))
s.difference_update(s)
print(s)
s = {1, 2}
s.update()
print(s)
t(lambda: s.update(1))
t(lambda: s.update([[]]))
t(lambda: s.intersection_update(5))
t(lambda: s.difference_update(None))
print(s)
