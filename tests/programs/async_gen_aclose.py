# aclose() and athrow() of async generators: cleanup that awaits,
# GeneratorExit ignored, closing in every state.

class Suspend:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        return (yield self.tag)


def step(awaitable, value=None):
    try:
        r = awaitable.send(value)
        print("  yielded", repr(r))
    except StopIteration as e:
        print("  stop", repr(e.value))
    except BaseException as e:
        print("  raised", type(e).__name__, str(e))


def run(awaitable):
    while True:
        try:
            tag = awaitable.send(None)
        except StopIteration as e:
            return e.value
        print("  loop got", repr(tag))


async def cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("  finally starts")
        await Suspend("cleanup await")
        print("  finally ends")


print("aclose after first value:")
g = cleanup()
print(run(g.__anext__()))
c = g.aclose()
print(type(c).__name__, c.__await__() is c, iter(c) is c)
step(c)
step(c)
step(c)
print("frame:", g.ag_frame)
step(g.__anext__())
step(g.aclose())
step(g.athrow(ValueError))

print("aclose before start:")
g = cleanup()
step(g.aclose())
print(g.ag_frame)
step(g.__anext__())

print("aclose twice while suspended in finally:")
g = cleanup()
run(g.__anext__())
c1 = g.aclose()
step(c1)
c2 = g.aclose()
step(c2)
step(c2)
step(c1)


async def ignores():
    try:
        yield 1
    except GeneratorExit:
        print("  got GeneratorExit")
        yield 2
    print("  after except")


print("ignored GeneratorExit:")
g = ignores()
run(g.__anext__())
step(g.aclose())
print(g.ag_running)
step(g.__anext__())
step(g.__anext__())


async def ignores_after_await():
    try:
        yield 1
    except GeneratorExit:
        await Suspend("in except")
        yield 2


print("ignored after an await:")
g = ignores_after_await()
run(g.__anext__())
c = g.aclose()
step(c)
step(c)
step(c)


async def raises_in_cleanup():
    try:
        yield 1
    finally:
        raise KeyError("cleanup failed")


print("error in cleanup:")
g = raises_in_cleanup()
run(g.__anext__())
step(g.aclose())
step(g.aclose())


async def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  returning")
        return


g = returns_on_exit()
run(g.__anext__())
step(g.aclose())

print("aclose while running:")


async def slow():
    await Suspend("slow")
    yield 1


g = slow()
a = g.__anext__()
step(a)
c = g.aclose()
step(c)
step(c)
t = g.athrow(ValueError)
step(t)
step(a)

print("aclose with values sent:")
g = cleanup()
run(g.__anext__())
c = g.aclose()
step(c, "ignored?")
step(c, "sent")
step(c)
c = g.aclose()
step(c, 5)

print("throw and close on the aclose awaitable:")
g = cleanup()
run(g.__anext__())
c = g.aclose()
step(c)
try:
    c.throw(IndexError("into cleanup"))
except IndexError as e:
    print("  raised IndexError", e)
step(c)
g = cleanup()
run(g.__anext__())
c = g.aclose()
print(c.close())
step(c)
print(run(g.aclose()))
print(g.ag_frame)
