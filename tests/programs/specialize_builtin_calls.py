# Calls of functions written in Rust specialized at PRECALL: len,
# isinstance, list.append, other builtins and methods of builtin types,
# with the errors they raise and the names shadowed after specialization.
def lengths(items):
    return [len(x) for x in items]

class Sized:
    def __len__(self):
        return 42

class BadLen:
    def __len__(self):
        return -1

print(lengths(["abc", [1, 2], (), {1: 2}, range(10), Sized(), b"xy"]))
for bad in [5, BadLen(), None]:
    try:
        lengths([bad])
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

def kinds(items):
    return [isinstance(x, (int, str)) for x in items] + [isinstance(x, float) for x in items]

class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "special"

class Checked(metaclass=Meta):
    pass

print(kinds([1, "a", 2.5, True, None]), [isinstance(x, Checked) for x in ["special", "plain"]])
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError:", e)

def collect(n, target):
    for i in range(n):
        target.append(i * i)
    return target

class MyList(list):
    def append(self, x):
        super().append(-x)

print(collect(4, []), collect(3, MyList()), collect(2, [9]))

# Shadowing after specialization.
def use_len(x):
    return len(x)

print([use_len("ab") for _ in range(3)])
len = lambda x: "shadowed"
print(use_len("ab"))
del len
print(use_len("abc"))

# Other builtins and builtin methods at one site.
def apply(f, *args):
    return f(*args)

def call_one(f, x):
    return f(x)

print([call_one(f, -3) for f in (abs, str, repr, bool, hex, abs, float)])
def upper_all(items):
    return [s.upper() for s in items]

print(upper_all(["a", "b", "c"]))
try:
    upper_all(["a", 1])
except AttributeError as e:
    print("AttributeError:", e)

def get(d, k):
    return d.get(k), d.get(k, "default")

print([get({"a": 1}, k) for k in "ab"])
try:
    call_one(abs, "x")
except TypeError as e:
    print("TypeError:", e)
print(sorted([3, 1, 2], reverse=True), max([1, 5, 3], key=lambda v: -v))

# A method descriptor called with an instance of another type.
def strip_with(method, s):
    return method(s)

print(strip_with(str.strip, "  x  "))
try:
    desc = str.strip
    strip_with(lambda s: desc(s), 5)
except TypeError as e:
    print("TypeError:", e)
