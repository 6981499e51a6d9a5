# Async generators (PEP 525): the object, __anext__, asend, and their
# awaitables, driven by hand.

class Suspend:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        return (yield self.tag)


def step(awaitable, value=None):
    """One send into an awaitable, reported."""
    try:
        r = awaitable.send(value)
        print("  yielded", repr(r))
    except StopIteration as e:
        print("  stop", repr(e.value), e.args)
    except BaseException as e:
        print("  raised", type(e).__name__, str(e))


def run(awaitable):
    """Drive an awaitable to its end; what the loop sees is printed."""
    while True:
        try:
            tag = awaitable.send(None)
        except StopIteration as e:
            return e.value
        print("  loop got", repr(tag))


async def numbers(n):
    for i in range(n):
        await Suspend(f"before {i}")
        got = yield i
        if got is not None:
            print("  received", got)
    print("  numbers done")


g = numbers(2)
print(type(g).__name__, type(g).__qualname__)
print(repr(g).startswith("<async_generator object numbers at 0x"))
print(g.__name__, g.__qualname__, g.ag_code.co_name, g.ag_running, g.ag_await)
print(g.ag_frame.f_code is g.ag_code, g.__aiter__() is g)
print(hasattr(g, "__iter__"), hasattr(g, "__next__"), hasattr(g, "send"))
a = g.__anext__()
print(type(a).__name__, repr(a).startswith("<async_generator_asend object at 0x"))
print(a.__await__() is a, iter(a) is a)
step(a)
print("running:", g.ag_running, type(g.ag_await).__name__)
step(a)
print("running:", g.ag_running, g.ag_await)
step(a)
print("value 1:", run(g.__anext__()))
print("end:")
step(g.__anext__())
step(g.__anext__())
print("frame after end:", g.ag_frame, g.ag_await, g.ag_running)

print("asend:")
g = numbers(3)
print(run(g.asend(None)))
print(run(g.asend("hello")))
print(run(g.asend("again")))
try:
    run(g.asend("last"))
except StopAsyncIteration as e:
    print("StopAsyncIteration", repr(e))

print("asend non-None first:")
g = numbers(1)
step(g.asend(1))
print(g.ag_frame is not None)
print(run(g.__anext__()))

print("next() on the awaitable:")
g = numbers(1)
a = g.__anext__()
print(next(a))
try:
    next(a)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    next(a)
except RuntimeError as e:
    print("RuntimeError", e)

print("reuse and running:")
g = numbers(2)
a1 = g.__anext__()
step(a1)
a2 = g.__anext__()
step(a2)
step(a2)
step(a1)
step(a1)
step(a2)
step(a2)

print("awaitable close:")
g = numbers(2)
a = g.__anext__()
print(a.close())
step(a)
a = g.__anext__()
step(a)
a.close()
step(a)
print(g.ag_running)

print("yield values of many kinds:")


async def kinds():
    yield None
    yield (1, 2)
    yield StopIteration("not raised")
    yield [3]


g = kinds()
for _ in range(4):
    v = run(g.__anext__())
    print(" ", type(v).__name__, repr(v))


async def empty():
    return
    yield


print("empty:")
step(empty().__anext__())


async def with_return():
    yield 1
    return


g = with_return()
print(run(g.__anext__()))
step(g.__anext__())

print("descriptor errors:")
for name in ["asend", "aclose", "athrow"]:
    meth = getattr(type(g), name)
    try:
        meth(5) if name != "asend" else meth(5, 1)
    except TypeError as e:
        print(" ", e)
for call in [lambda: g.asend(), lambda: g.aclose(1), lambda: g.asend(1, 2)]:
    try:
        call()
    except TypeError as e:
        print(" ", e)
