# Binary operators, comparisons, subscripts, unpacking and for-loops
# specialized for ints, floats, strs, lists, tuples and dicts: the cases
# at the edge of each specialization must behave as the general ones.

def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

def div(a, b):
    return a / b

# Small ints that overflow into big ones, and big ints at a small-int site.
big = 2 ** 62
for a, b in [(1, 2), (3, 4), (big - 1, 1), (big, big), (-big, -big), (2 ** 100, 1), (5, 6)]:
    print(add(a, b), sub(a, b), mul(a, b), end=" | ")
print()
print(mul(2 ** 40, 2 ** 40), mul(-(2 ** 61), 4), sub(-(2 ** 62), 2 ** 62))

# bool and int subclasses at int sites; floats and mixes at float sites.
class MyInt(int):
    def __add__(self, other):
        return "MyInt.__add__"

for a, b in [(1, 2), (True, 2), (MyInt(3), 4), (1, 2.5), (1.5, 2), (1.5, 2.5), (1, 2)]:
    print(add(a, b), end=" ")
print()
for a, b in [(1.5, 0.5), (1.0, 3.0), (1.0, 0.0), (2.0, 0), (-1.0, 0.0), (7, 2), (7.0, 2.0)]:
    try:
        print(div(a, b), end=" ")
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e, end=" ")
print()
print([mul(x, 1.5) for x in (1.0, 2.0, float("inf"), float("nan"), 3)])

# str + str, str subclasses, and str + int errors.
class MyStr(str):
    pass

for a, b in [("a", "b"), ("c", "d"), (MyStr("e"), "f"), ("g", MyStr("h")), ("i", 1), ("j", "k")]:
    try:
        r = add(a, b)
        print(repr(r), type(r).__name__, end=" ")
    except TypeError as e:
        print("TypeError:", e, end=" ")
print()

# In-place operators on the same sites.
def accumulate(values):
    total = values[0]
    for v in values[1:]:
        total += v
        total -= 1
        total *= 1
    return total

print(accumulate([1, 2, 3]), accumulate([1.5, 2.5]), accumulate(["a", "b", "c"][:1]))

# Comparisons fused with the jump that follows, with NaN and mixed types.
def classify(a, b):
    if a < b:
        return "lt"
    if a == b:
        return "eq"
    if a > b:
        return "gt"
    return "unordered"

nan = float("nan")
pairs = [(1, 2), (2, 2), (3, 2), (1.0, 2.0), (2.0, 2.0), (nan, 1.0), (1.0, nan), (nan, nan),
         ("a", "b"), ("b", "b"), (1, 2.0), (big, 1), (1, big)]
print([classify(a, b) for a, b in pairs])

def count_down(n):
    steps = 0
    while n > 0:
        n -= 1
        steps += 1
    while not (n >= 3):
        n += 1
    return steps, n

print(count_down(5), count_down(0), count_down(5.5))

def same(a, b):
    if a != b:
        return "different"
    return "same"

print([same(a, b) for a, b in [("x", "x"), ("x", "y"), ("", ""), (MyStr("x"), "x"), (1, 1), ("é", "é")]])

# Subscripts: negative and out-of-range indexes, subclasses, dicts.
def item(c, i):
    return c[i]

for c, i in [([1, 2, 3], 0), ([1, 2, 3], -1), ((4, 5), 1), ((4, 5), -2), ({"k": "v"}, "k"),
             ([1], 5), ((1,), -3), ({}, "missing"), ([1, 2], True), ("str", 1)]:
    try:
        print(item(c, i), end=" ")
    except (IndexError, KeyError) as e:
        print(type(e).__name__, e, end=" ")
print()

class Missing(dict):
    def __missing__(self, key):
        return f"missing {key}"

print([item(d, "x") for d in [{"x": 1}, {"x": 2}, Missing(), {"x": 3}]])

def store(c, i, v):
    c[i] = v
    return c

print(store([0, 0], 1, "a"), store([0, 0], -1, "b"), store({}, "k", "v"), store([0], 0, "c"))
for c, i in [([0], 3), ([0], -2), ({}, [])]:
    try:
        store(c, i, 1)
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

# Unpacking tuples and lists of the right and wrong lengths, and subclasses.
def unpack2(seq):
    a, b = seq
    return a, b

def unpack3(seq):
    a, b, c = seq
    return a, b, c

class OwnIter(list):
    def __iter__(self):
        return iter(["own", "iter"])

for seq in [(1, 2), (3, 4), [5, 6], "ab", (1, 2, 3), [1], OwnIter([9, 9]), (7, 8), {1: 2, 3: 4}]:
    try:
        print(unpack2(seq), end=" ")
    except ValueError as e:
        print("ValueError:", e, end=" ")
print()
for seq in [(1, 2, 3), [4, 5, 6], (1, 2), [1, 2, 3, 4], range(3)]:
    try:
        print(unpack3(seq), end=" ")
    except ValueError as e:
        print("ValueError:", e, end=" ")
print()
try:
    unpack2(5)
except TypeError as e:
    print("TypeError:", e)

# for-loops over lists (changed while iterated), tuples, ranges and others.
def walk(iterable):
    out = []
    for x in iterable:
        out.append(x)
    return out

lst = [1, 2, 3]
print(walk(lst), walk((4, 5)), walk(range(3)), walk(range(10, 0, -3)), walk("ab"), walk({1: 2}))
grow = [1, 2]
for x in grow:
    if len(grow) < 5:
        grow.append(x * 10)
print(grow)
shrink = [1, 2, 3, 4]
for x in shrink:
    shrink.remove(x)
print(shrink)
print(walk(range(2 ** 63, 2 ** 63 + 2)), walk(range(-2, 3)), walk(iter([7, 8])))
