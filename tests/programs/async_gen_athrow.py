# athrow(): exceptions thrown into async generators, caught or not,
# with the one- and three-argument forms, into awaits in progress.

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
        print("  raised", type(e).__name__, repr(e))


def run(awaitable):
    while True:
        try:
            tag = awaitable.send(None)
        except StopIteration as e:
            return e.value
        print("  loop got", repr(tag))


async def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  caught", repr(e))
            await Suspend("after catch")
            yield "recovered"
        except KeyError:
            print("  KeyError ends it")
            return


print("caught:")
g = catcher()
print(run(g.__anext__()))
t = g.athrow(ValueError("v1"))
print(type(t).__name__)
step(t)
step(t)
step(t)
print(run(g.__anext__()))

print("forms:")
g = catcher()
run(g.__anext__())
print(run(g.athrow(ValueError)))
run(g.__anext__())
print(run(g.athrow(ValueError, "text")))
run(g.__anext__())
print(run(g.athrow(ValueError, ValueError("inst"), None)))
run(g.__anext__())
print(run(g.athrow(ValueError, ("a", "b"))))
run(g.__anext__())

print("uncaught:")
step(g.athrow(IndexError("boom")))
print(g.ag_frame)
step(g.__anext__())
step(g.athrow(ValueError))

print("ends generator:")
g = catcher()
run(g.__anext__())
step(g.athrow(KeyError))
step(g.__anext__())

print("bad arguments:")
for args in [(), (1,), (ValueError(), 1), (ValueError, None, 5), (1, 2, 3, 4)]:
    g = catcher()
    run(g.__anext__())
    t = g.athrow(*args)
    try:
        run(t)
    except TypeError as e:
        print("  TypeError", e, g.ag_running)
    step(t)
    step(g.athrow(ValueError))
g = catcher()
run(g.__anext__())
step(g.athrow(ValueError))
step(g.athrow(KeyError))

print("before start:")
g = catcher()
step(g.athrow(ValueError))
print(g.ag_frame)
step(g.__anext__())

print("into an await in progress:")


class Inner:
    def __await__(self):
        try:
            yield "inner waiting"
        except ValueError as e:
            print("  inner saw", repr(e))
            yield "inner recovered"
        return "inner result"


async def awaiting():
    r = await Inner()
    print("  await gave", r)
    yield r


g = awaiting()
a = g.__anext__()
step(a)
try:
    a.throw(ValueError("into inner"))
except Exception as e:
    print("  raised", repr(e))
step(a)
step(a)

print("athrow while awaiting:")
g = awaiting()
a = g.__anext__()
step(a)
t = g.athrow(ValueError("direct"))
step(t)
step(a)
step(a)

print("GeneratorExit through athrow:")


async def exits():
    try:
        yield 1
    except GeneratorExit:
        print("  exit seen")
        raise


g = exits()
run(g.__anext__())
step(g.athrow(GeneratorExit))
step(g.__anext__())

print("StopAsyncIteration thrown:")
g = exits()
run(g.__anext__())
step(g.athrow(StopAsyncIteration))
step(g.__anext__())

print("StopIteration thrown:")
g = exits()
run(g.__anext__())
t = g.athrow(StopIteration("x"))
try:
    t.send(None)
except RuntimeError as e:
    print("  RuntimeError", e, "| cause", repr(e.__cause__), "| suppress", e.__suppress_context__)
