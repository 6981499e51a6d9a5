# Coroutines: send, throw, close, the cr_* attributes, __await__ and the
# coroutine_wrapper, reuse after the end.

class Suspend:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        return (yield self.tag)


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "->", repr(r))
    except StopIteration as e:
        print(label, "stop", repr(e.value))
    except BaseException as e:
        print(label, "raised", type(e).__name__, repr(e))


async def add(a, b):
    x = await Suspend("first")
    y = await Suspend("second")
    return a + b + (x or 0) + (y or 0)


c = add(1, 2)
print(type(c).__name__, repr(c).startswith("<coroutine object add at 0x"))
print(c.__name__, c.__qualname__, c.cr_code.co_name, c.cr_origin)
print(c.cr_running, c.cr_suspended, c.cr_await, c.cr_frame.f_code is c.cr_code)
show("send None", c.send, None)
print(c.cr_running, c.cr_suspended, type(c.cr_await).__name__, c.cr_frame.f_lineno)
show("send 10", c.send, 10)
show("send 20", c.send, 20)
print(c.cr_suspended, c.cr_await, c.cr_frame)
show("again", c.send, None)
show("throw after end", c.throw, ValueError)
show("close after end", c.close)

print("not started:")
c = add(1, 2)
show("send 5", c.send, 5)
show("close", c.close)
show("send", c.send, None)
c = add(1, 2)
show("throw", c.throw, KeyError("k"))
show("send", c.send, None)

print("wrapper:")
c = add(3, 4)
w = c.__await__()
print(type(w).__name__, iter(w) is w, w.__iter__() is w)
print(repr(w).startswith("<coroutine_wrapper object at 0x"))
show("next", next, w)
show("send", w.send, 1)
show("send", w.send, 2)
show("next", next, w)
w2 = add(0, 0).__await__()
show("next", next, w2)
show("throw", w2.throw, IndexError("w"))
show("close", w2.close)
w3 = add(0, 0).__await__()
show("close", w3.close)
show("next", next, w3)


async def ignores_exit():
    try:
        await Suspend("waiting")
    except GeneratorExit:
        await Suspend("still here")


print("close:")
c = ignores_exit()
c.send(None)
show("close", c.close)


async def cleans_up():
    try:
        await Suspend("waiting")
    finally:
        print("  cleanup ran")


c = cleans_up()
c.send(None)
show("close", c.close)
print(c.cr_frame)


async def catches():
    try:
        await Suspend("waiting")
    except ValueError as e:
        print("  caught", repr(e))
        return "handled"


c = catches()
c.send(None)
show("throw", c.throw, ValueError, ValueError("x"))
c = catches()
c.send(None)
show("throw type", c.throw, ValueError)
c = catches()
c.send(None)
show("throw args", c.throw, ValueError, "arg")
c = catches()
c.send(None)
show("throw other", c.throw, TypeError("other"))

print("names:")
c = add(1, 1)
c.__name__ = "renamed"
c.__qualname__ = "Some.renamed"
print(c.__name__, c.__qualname__, repr(c).startswith("<coroutine object Some.renamed at"))
for value in [1, None]:
    try:
        c.__name__ = value
    except TypeError as e:
        print("TypeError", e)
try:
    del c.__qualname__
except TypeError as e:
    print("TypeError", e)
c.close()

print("nested awaits:")


async def inner():
    return await Suspend("inner")


async def outer():
    r = await inner()
    return ("outer", r)


c = outer()
show("send", c.send, None)
print(type(c.cr_await).__name__, c.cr_await.cr_code.co_name, type(c.cr_await.cr_await).__name__)
show("send", c.send, "value")


class Wrapped:
    def __await__(self):
        return add(1, 1).__await__()


async def awaits_wrapper():
    return await Wrapped()


c = awaits_wrapper()
show("send", c.send, None)
print(type(c.cr_await).__name__)
show("send", c.send, 1)
show("send", c.send, 1)

print("already executing:")


async def reenter():
    return me.send(None)


me = reenter()
show("send", me.send, None)

print("arity:")
c = add(1, 1)
for f, args in [(c.send, ()), (c.close, (1,)), (c.throw, ()), (c.throw, (1, 2, 3, 4)),
                (c.__await__(), None)]:
    if args is None:
        f = f.send
        args = (1, 2)
    try:
        f(*args)
    except TypeError as e:
        print("TypeError", e)
c.close()
print(hasattr(c, "__iter__"), hasattr(c, "__next__"))
try:
    iter(c)
except TypeError as e:
    print("TypeError", e)
