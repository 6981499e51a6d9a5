# f_lineno and f_lasti: where a frame stands, for the running frame, its
# callers, frames that ended, and frames an exception went through.
import sys


def here():
    return sys._getframe(1).f_lineno


def lines():
    out = [here()]
    out.append(
        here()
    )
    x = (1 +
         here())
    out.append(x)
    for i in range(2):
        out.append(here())
    return out


print(lines())


def lasti_of_caller():
    f = sys._getframe(1)
    return f.f_lasti, f.f_lineno


def python_call():
    return lasti_of_caller()


def native_call():
    return sys._getframe().f_lasti


print(python_call(), native_call())


def ended():
    a = 1
    frame = sys._getframe()
    b = 2
    return frame


f = ended()
print(f.f_lineno, f.f_lasti)


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def raises_in_with():
    global saved
    saved = sys._getframe()
    with CM():
        x = 1
        raise ValueError("in with")


try:
    raises_in_with()
except ValueError:
    pass
print("after with:", saved.f_lineno)


def raises_in_finally():
    global saved
    saved = sys._getframe()
    try:
        raise KeyError("k")
    finally:
        y = 2


try:
    raises_in_finally()
except KeyError:
    pass
print("after finally:", saved.f_lineno)


def raises_in_except():
    global saved
    saved = sys._getframe()
    try:
        raise KeyError("k")
    except KeyError:
        raise IndexError("i")


try:
    raises_in_except()
except IndexError:
    pass
print("after except:", saved.f_lineno)


def handler_line():
    try:
        raise ValueError
    except ValueError:
        return sys._getframe().f_lineno


print(handler_line())


def tb_lines():
    def inner():
        return 1 / 0

    try:
        inner()
    except ZeroDivisionError as e:
        tb = e.__traceback__
        out = []
        while tb:
            out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_lineno,
                        tb.tb_lasti == tb.tb_frame.f_lasti))
            tb = tb.tb_next
        return out


print(tb_lines())


def gen():
    yield sys._getframe().f_lineno
    yield sys._getframe().f_lineno


g = gen()
print(g.gi_frame.f_lineno, g.gi_frame.f_lasti)
print(next(g), g.gi_frame.f_lineno)
print(next(g), g.gi_frame.f_lineno)


def multiline_call():
    return lasti_of_caller(
    )[1]


print(multiline_call())
print(repr(sys._getframe()).split(",")[1:])


def repr_parts():
    r = repr(sys._getframe())
    return r.startswith("<frame at 0x"), r.split(",")[1:]


print(repr_parts())
