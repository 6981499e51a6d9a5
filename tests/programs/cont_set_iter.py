def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

s = {1, 2, 3}
it = iter(s)
print(type(it).__name__, next(it), list(it), list(it))
def mutate():
    s = {1, 2, 3}
    for x in s:
        s.add(x + 10)
t(mutate)
def remove():
    s = {1, 2, 3}
    for x in s:
        s.discard(x)
t(remove)
def same_size():
    s = {1, 2, 3}
    out = []
    for x in s:
        out.append(x)
        if x == 1:
            s.remove(3)
            s.add(40)
    return out, s
t(same_size)
it = iter({5, 6})
print(it.__length_hint__())
next(it)
print(it.__length_hint__(), iter(it) is it)
print(list({3, 2, 1}), tuple({10, 20}), sorted({'b', 'a'}))
print([x * 2 for x in {4, 5}])
print({x % 3 for x in range(10)})
print(set(x for x in [1]) if False else set([1]))
a, b = {7, 8}
print(a, b)
print(sum({1, 2, 3}), max({4, 9, 2}), min(frozenset([5, 3])))
