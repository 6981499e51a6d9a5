# sys._getframe: depths, the f_back chain, what a frame object shows.
import sys


def chain(frame):
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names


def a():
    return b()


def b():
    return c()


def c():
    return sys._getframe()


f = c()
print(type(f).__name__, type(f) is type(sys._getframe()))
print(chain(a()))
print(chain(sys._getframe()))


def depths():
    out = []
    for d in range(4):
        try:
            out.append(sys._getframe(d).f_code.co_name)
        except ValueError as e:
            out.append(str(e))
    return out


def outer():
    return depths()


print(outer())
print(sys._getframe(-3).f_code.co_name, sys._getframe(0).f_code.co_name)
for bad in ["1", 1.5, None]:
    try:
        sys._getframe(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    sys._getframe(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    sys._getframe(10 ** 6)
except ValueError as e:
    print("ValueError", e)


class Index:
    def __index__(self):
        return 1


def via_index():
    return sys._getframe(Index()).f_code.co_name


def caller_of_via_index():
    return via_index()


print(caller_of_via_index())

here = sys._getframe()
print(here.f_globals is globals(), here.f_locals is globals())
print(here.f_builtins is __builtins__.__dict__, type(here.f_builtins).__name__)
print(here.f_code.co_name, here.f_code.co_filename.endswith("frame_getframe.py"))
print(here.f_back, here.f_trace, here.f_trace_lines, here.f_trace_opcodes)
print(sys._getframe() is sys._getframe(), sys._getframe() is here)


def same_object():
    f1 = sys._getframe()
    f2 = sys._getframe()
    return f1 is f2, f1.f_back is sys._getframe(1)


print(same_object())


def caller_locals():
    return sorted(sys._getframe(1).f_locals.items())


def with_locals(x, y=2):
    z = x + y
    return caller_locals()


print(with_locals(1))


def caller_globals_name():
    return sys._getframe(1).f_globals["__name__"]


print(caller_globals_name())


class Body:
    frame = sys._getframe()
    name = frame.f_code.co_name
    back = frame.f_back.f_code.co_name


print(Body.name, Body.back, sorted(Body.frame.f_locals))
print(Body.frame.f_locals is Body.__dict__, type(Body.frame.f_locals).__name__)

print("lambda and comprehension frames:")
print((lambda: sys._getframe().f_code.co_name)())
print([sys._getframe().f_code.co_name for _ in range(1)])
print([sys._getframe(1).f_code.co_name for _ in range(1)])
print(list(sys._getframe().f_code.co_name for _ in range(1)))


def gen():
    yield sys._getframe().f_back.f_code.co_name
    yield sys._getframe().f_back.f_code.co_name


def consumer():
    g = gen()
    first = next(g)
    return first, [x for x in g]


print(consumer())

print("attributes are read-only:")
for name in ["f_back", "f_code", "f_globals", "f_locals", "f_lasti", "f_builtins"]:
    try:
        setattr(here, name, 1)
    except AttributeError as e:
        print("AttributeError", e)
try:
    here.anything = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    type(here)()
except TypeError as e:
    print("TypeError", e)
print(hasattr(here, "__dict__"))
