def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(map(abs, [-1, 2, -3])), list(map(lambda x, y: x * y, [1, 2, 3], [4, 5])), list(map(str, [1, 2])))
print(list(map(pow, [2, 3], [1, 2, 3])), list(map(len, [[1], [], [1, 2]])), list(map(lambda: 1, [])))
t(lambda: map())
t(lambda: map(len))
t(lambda: map(len, 1))
t(lambda: map(len, [], x=1))
t(lambda: list(map(len, [1])))
t(lambda: list(map(5, [1])))
t(lambda: list(map(len, ['a'], ['b'])))
m = map(lambda x: x + 1, [1, 2])
print(type(m).__name__, iter(m) is m, next(m), list(m), list(m))
print(sum(map(int, ['1', '2', '3'])), dict(map(lambda x: (x, x * x), range(3))))
print(list(map(tuple, [[1], [2, 3]])), list(map(None.__class__, [])))
class M(map):
    pass
print(list(M(abs, [-5])), type(M(abs, [])).__name__)
