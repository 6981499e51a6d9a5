# f_locals and locals(): one dict per function frame, brought up to date
# on each read; the namespace itself for modules and class bodies.
import sys


def snapshot():
    a = 1
    d1 = locals()
    b = 2
    d2 = sys._getframe().f_locals
    print(d1 is d2, sorted(d1))
    del a
    d3 = locals()
    print(d3 is d1, sorted(d1))
    d1["injected"] = 5
    print("injected" in locals(), "injected" in sys._getframe().f_locals)
    try:
        injected
    except NameError as e:
        print("NameError", e)


snapshot()


def unbound_later():
    print(sorted(locals()))
    x = 1
    print(sorted(locals()))


unbound_later()


def cells():
    shared = "cell value"
    unused_cell = "also a cell"

    def inner():
        free = shared
        print("inner", sorted(locals().items()))
        return unused_cell

    print("outer", sorted(k for k in locals()))
    inner()
    return inner


cells()


def deleted_cell():
    x = 1

    def f():
        return x

    del x
    print(sorted(locals()))
    return f


deleted_cell()


def arguments(a, b=2, *args, c, d=4, **kwargs):
    return sorted(locals())


print(arguments(1, 3, 5, c=6, e=7))


def caller_view():
    values = {}

    def peek():
        return dict(sys._getframe(1).f_locals)

    values["first"] = peek()
    counter = 10
    values["second"] = peek()
    return {k: sorted(v) for k, v in values.items()}


print(caller_view())

print("module:", locals() is globals(), sys._getframe().f_locals is globals())


class Namespace:
    x = 1
    inside = locals()
    frame_locals = sys._getframe().f_locals
    same = inside is frame_locals
    y = 2


print(Namespace.same, sorted(Namespace.inside))
print(Namespace.inside is Namespace.__dict__, type(Namespace.inside).__name__)


def class_in_function():
    captured = "from function"

    class Inner:
        value = captured
        names = sorted(locals())

    return Inner.names


print(class_in_function())


def method_with_super():
    class Base:
        def m(self):
            return "base"

    class Child(Base):
        def m(self):
            names = sorted(locals())
            return names, super().m()

    return Child().m()


print(method_with_super())


def lifetime():
    f = sys._getframe()
    value = [1, 2]
    return f


f = lifetime()
print(sorted(f.f_locals), f.f_locals["value"])
print(f.f_locals is f.f_locals)
f.clear()
print(f.f_locals)


def comprehension_locals():
    outer = 1
    return [sorted(locals()) for item in range(1)], {k: sorted(locals()) for k in "a"}


print(comprehension_locals())

def dir_in_function():
    alpha = 1
    beta = 2
    return dir()


print(dir_in_function())
