# Frame objects outlive their frames: they take the frame's locals over
# when it returns; clear(); frames of generators; executing frames.
import sys


def make(n):
    local = f"value {n}"
    numbers = list(range(n))
    return sys._getframe()


def caller():
    marker = "caller's"
    return make(3)


f = caller()
print(f.f_code.co_name, sorted(f.f_locals.items()))
print(f.f_lineno, f.f_lasti > 0)
back = f.f_back
print(back.f_code.co_name, sorted(back.f_locals.items()), back.f_back.f_code.co_name)
print(back.f_back.f_back)
print(f.f_back is back, f.f_globals is globals())

print("clear:")
print(f.clear(), f.f_locals, f.f_lineno, f.f_code.co_name)
print(f.clear(), f.f_locals)
print(back.f_locals)


class Tracked:
    def __init__(self, name):
        self.name = name


def holder():
    obj = Tracked("held")
    return sys._getframe(), obj


frame, obj = holder()
print(sys.getrefcount(obj) - 1)
frame.clear()
print(sys.getrefcount(obj) - 1)

print("executing frames:")


def clears_itself():
    try:
        sys._getframe().clear()
    except RuntimeError as e:
        print("RuntimeError", e)


clears_itself()


def clears_caller():
    try:
        sys._getframe(1).clear()
    except RuntimeError as e:
        print("RuntimeError", e)


def middle():
    clears_caller()


middle()
try:
    sys._getframe().clear()
except RuntimeError as e:
    print("RuntimeError", e)

print("generator frames:")


def gen():
    x = 1
    received = yield "first"
    x = 2
    yield received


g = gen()
gf = g.gi_frame
print(gf.f_code.co_name, gf.f_locals, gf.f_lineno, gf.f_lasti, gf.f_back)
print(next(g), gf.f_locals, gf.f_lineno, gf.f_back)
print(g.send("sent"), gf.f_locals, gf.f_lineno)
print(g.gi_frame is gf)
for rest in g:
    print("more", rest)
print(g.gi_frame, gf.f_locals, gf.f_lineno, gf.f_back)

print("clear a suspended generator's frame:")


def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("  generator finally")


g = guarded()
next(g)
gf = g.gi_frame
print(gf.clear())
print(g.gi_frame, g.gi_running, gf.f_locals)
print(next(g, "exhausted"))

g = guarded()
gf = g.gi_frame
print(gf.clear(), g.gi_frame, next(g, "exhausted"))


def running_gen():
    me = yield
    try:
        sys._getframe().clear()
    except RuntimeError as e:
        yield str(e)


g = running_gen()
next(g)
print(g.send(g))

print("frames in tracebacks:")


def failing(n):
    secret = n * 2
    raise ValueError(n)


def catch():
    try:
        failing(21)
    except ValueError as e:
        return e


e = catch()
tb = e.__traceback__
print(tb.tb_frame.f_code.co_name, sorted(tb.tb_frame.f_locals))
inner = tb.tb_next.tb_frame
print(inner.f_code.co_name, inner.f_locals, inner.f_back.f_code.co_name)
print(inner.f_back is tb.tb_frame)

print("frame of a finished coroutine and async generator:")


async def coro():
    inner_value = 5
    return sys._getframe()


c = coro()
cf = c.cr_frame
try:
    c.send(None)
except StopIteration as stop:
    returned = stop.value
print(returned is cf, c.cr_frame, cf.f_locals["inner_value"])


async def agen():
    yield sys._getframe()


ag = agen()
af = ag.ag_frame
try:
    ag.__anext__().send(None)
except StopIteration as stop:
    print(stop.value is af, af.f_code.co_name)
