def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

l = [1, 'a', 2.5, None, True, [2, [3]], (4,), {5: 6}, {7}]
print(l, repr(l), str(l))
r = [1]
r.append(r)
print(r)
a = [1]
b = [a]
a.append(b)
print(a, b)
t_ = (r,)
print(t_)
d = {'l': r}
print(d)
class Bad:
    def __repr__(self):
        raise ValueError('no repr')
t(lambda: repr([Bad()]))
class NotStr:
    def __repr__(self):
        return 5
t(lambda: repr([NotStr()]))
print([], [[]], [[], []], [()], ((),), ([],))
print(['quote\'s', "dq\"s"])
