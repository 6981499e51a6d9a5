def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = slice(1, 5, 2)
print(s, s.start, s.stop, s.step, slice(3), slice(1, 2), slice(None, None, None), slice('a', [1], {}))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2) < slice(1, 3), slice(1) != slice(None, 1))
t(lambda: slice())
t(lambda: slice(1, 2, 3, 4))
t(lambda: slice(x=1))
t(lambda: hash(slice(1)))
t(lambda: slice(1) < slice('a'))
print(slice.__hash__, [1, 2, 3, 4][s], (0, 1, 2, 3, 4, 5)[slice(None, None, -2)])
def setattr_():
    s.start = 5
t(setattr_)
print(repr(slice(-1, None)), str(slice(0.5, 1)))
print(slice(1, 2) == (1, 2), slice(1, 2) != 5)
