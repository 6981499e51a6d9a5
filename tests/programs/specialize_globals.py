# LOAD_GLOBAL caches: globals and builtins changing after the loads are
# specialized, functions run with other globals, names deleted.
def use_len(x):
    return len(x)

def use_g():
    return g

g = 1
for i in range(10):
    print(use_len("abc"), use_g(), end=" ")
print()

# A builtin shadowed by a global, then unshadowed.
def my_len(x):
    return -1

len = my_len
print([use_len("abc") for _ in range(3)])
del len
print([use_len("abc") for _ in range(3)])

# The global's value changes, its key stays.
for v in (2, 3, "four"):
    g = v
    print(use_g(), end=" ")
print()

# The global deleted: NameError, then defined again.
del g
for _ in range(3):
    try:
        use_g()
    except NameError as e:
        print("NameError:", e)
g = "back"
print(use_g())

# Many globals added after specialization (the dict grows and moves its entries).
for i in range(200):
    globals()[f"name{i}"] = i
print(use_g(), use_len([1, 2]))

# The builtins module changed.
import builtins
def use_abs(x):
    return abs(x)
print([use_abs(-3) for _ in range(3)])
real_abs = builtins.abs
builtins.abs = lambda x: "patched"
print([use_abs(-3) for _ in range(3)])
builtins.abs = real_abs
del builtins.abs
try:
    use_abs(-3)
except NameError as e:
    print("NameError:", e)
builtins.abs = real_abs
print(use_abs(-5))

