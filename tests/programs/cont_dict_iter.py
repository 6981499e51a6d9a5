def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

def grow():
    d = {1: 1}
    for k in d:
        d[k + 1] = 1
t(grow)
def shrink():
    d = {1: 1, 2: 2}
    for k in d:
        del d[k]
t(shrink)
def keys_changed():
    d = {1: 1, 2: 2}
    out = []
    for k in d:
        out.append(k)
        del d[k]
        d[k + 10] = 0
    return out
t(keys_changed)
def values_grow():
    d = {1: 1}
    for v in d.values():
        d[5] = 5
t(values_grow)
def items_grow():
    d = {1: 1}
    for kv in d.items():
        d.pop(1)
t(items_grow)
def reverse_grow():
    d = {1: 1, 2: 2}
    for k in reversed(d):
        d[3] = 3
t(reverse_grow)
def modify_values():
    d = {1: 1, 2: 2}
    for k in d:
        d[k] = d[k] * 10
    return d
t(modify_values)
it = iter({'x': 1})
print(next(it))
t(lambda: next(it))
d = {i: i * i for i in range(6)}
print(d)
print([(k, v) for k, v in d.items() if k % 2])
it = iter(d)
next(it)
d[99] = 0
t(lambda: next(it))
t(lambda: next(it))
print(list(iter({})), list(reversed({})))
