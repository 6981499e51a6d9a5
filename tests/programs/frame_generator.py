# Frames of generators: f_back is whoever resumed it, None while
# suspended; gi_frame, gi_suspended, gi_yieldfrom; the exception state a
# generator sees across resumptions.
import sys


def names(f):
    out = []
    while f is not None:
        out.append(f.f_code.co_name)
        f = f.f_back
    return out


def watcher():
    while True:
        yield names(sys._getframe())


w = watcher()


def first_caller():
    return next(w)


def second_caller():
    return w.send(None)


print(first_caller())
print(second_caller())
print(names(w.gi_frame), w.gi_frame.f_back)
print(w.gi_running, w.gi_suspended, w.gi_yieldfrom)


def running_view():
    me = yield
    yield me.gi_running, me.gi_suspended, me.gi_frame is sys._getframe()


g = running_view()
next(g)
print(g.send(g))
print(g.gi_suspended)
g.close()
print(g.gi_suspended, g.gi_frame)


def inner():
    yield names(sys._getframe())
    return "inner result"


def outer():
    r = yield from inner()
    yield r


o = outer()
print(next(o))
print(type(o.gi_yieldfrom).__name__, o.gi_yieldfrom.gi_frame.f_back)
print(next(o), o.gi_yieldfrom)

print("throw into a delegate:")


def catching_inner():
    try:
        yield "inner waiting"
    except ValueError:
        yield names(sys._getframe())


def delegating():
    yield from catching_inner()


d = delegating()
next(d)
print(d.throw(ValueError))
print(d.gi_running)

print("exception state:")


def state():
    print("  start", sys.exc_info()[1])
    try:
        raise KeyError("gen's")
    except KeyError:
        yield "in except"
        print("  resumed in except", repr(sys.exc_info()[1]))
    print("  after except", repr(sys.exc_info()[1]))
    yield "done"


s = state()
try:
    raise IndexError("caller's")
except IndexError:
    print(next(s))
    print("  caller sees", repr(sys.exc_info()[1]))
print("  caller outside", sys.exc_info()[1])
try:
    raise TypeError("second caller's")
except TypeError:
    print(next(s))
    print("  caller sees", repr(sys.exc_info()[1]))


def reraiser():
    try:
        yield
    except Exception:
        raise


r = reraiser()
next(r)
try:
    r.throw(ValueError("thrown in"))
except ValueError as e:
    print("reraised", repr(e), names(e.__traceback__.tb_frame))


def bare_raise_in_gen():
    yield
    raise


b = bare_raise_in_gen()
next(b)
try:
    raise OSError("resumer's")
except OSError:
    try:
        next(b)
    except OSError as e:
        print("bare raise saw", repr(e))
b = bare_raise_in_gen()
next(b)
try:
    next(b)
except RuntimeError as e:
    print("RuntimeError", e)


def context_in_gen():
    yield
    raise ValueError("new")


c = context_in_gen()
next(c)
try:
    raise KeyError("outer")
except KeyError:
    try:
        next(c)
    except ValueError as e:
        print("context", repr(e.__context__))

print("throw with a traceback:")


def target():
    try:
        yield
    except ZeroDivisionError as e:
        yield [t for t in (e.__traceback__.tb_frame.f_code.co_name,)]


try:
    1 / 0
except ZeroDivisionError as e:
    tb = e.__traceback__
    saved = e
t = target()
next(t)
print(t.throw(ZeroDivisionError, saved, tb))
t.close()
try:
    t2 = target()
    next(t2)
    t2.throw(ZeroDivisionError, None, 5)
except TypeError as e:
    print("TypeError", e)
t2.close()
