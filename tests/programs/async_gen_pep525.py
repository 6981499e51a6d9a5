# PEP 525 semantics: async generators iterated by async for, nested,
# with async with inside, their exceptions and their exception state.
import sys


class Suspend:
    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        return (yield self.tag)


def run(coro):
    while True:
        try:
            tag = coro.send(None)
        except StopIteration as e:
            return e.value
        print("  loop got", repr(tag))


async def ticker(n, name):
    try:
        for i in range(n):
            await Suspend(f"{name} tick {i}")
            yield f"{name}{i}"
    finally:
        print(f"  {name} finally")


async def doubled(source):
    async for item in source:
        yield item * 2


async def main():
    out = []
    async for x in ticker(2, "a"):
        out.append(x)
    print("  collected", out)
    print("  doubled", [y async for y in doubled(ticker(2, "b"))])
    t = ticker(5, "c")
    async for x in t:
        if x == "c1":
            break
    print("  after break, frame alive:", t.ag_frame is not None)
    await t.aclose()
    print("  after aclose, frame:", t.ag_frame)
    return "main done"


print(run(main()))


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await Suspend("open " + self.name)
        return self

    async def __aexit__(self, *exc):
        print("  close", self.name, exc[0].__name__ if exc[0] else None)
        return False


async def lines(name):
    async with Resource(name) as r:
        for i in range(2):
            yield f"{r.name}:{i}"


async def read_all():
    return [line async for line in lines("file")]


print(run(read_all()))


async def failing():
    yield 1
    raise ValueError("generator failed")


async def consume():
    try:
        async for x in failing():
            print("  got", x)
    except ValueError as e:
        print("  consumer caught", repr(e))
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print("  traceback through", names)


run(consume())


async def raises_stop():
    yield 1
    raise StopAsyncIteration("inside")


async def consume_stop():
    try:
        async for x in raises_stop():
            print("  got", x)
    except RuntimeError as e:
        print("  RuntimeError", e, "from", repr(e.__cause__))


run(consume_stop())


async def exc_state():
    try:
        raise KeyError("outer")
    except KeyError:
        print("  before yield", repr(sys.exc_info()[1]))
        yield 1
        print("  after yield", repr(sys.exc_info()[1]))
    print("  after except", sys.exc_info()[:2])
    yield 2


async def drive_exc_state():
    g = exc_state()
    try:
        raise IndexError("consumer's")
    except IndexError:
        print("  consumer before", repr(sys.exc_info()[1]))
        await g.__anext__()
        print("  consumer between", repr(sys.exc_info()[1]))
        await g.__anext__()
        print("  consumer after", repr(sys.exc_info()[1]))
    print("  consumer outside", sys.exc_info())


run(drive_exc_state())


async def echo():
    received = []
    while True:
        value = yield len(received)
        if value is None:
            break
        received.append(value)
    print("  echo got", received)


async def talk():
    g = echo()
    print("  first", await g.asend(None))
    print("  second", await g.asend("x"))
    print("  third", await g.asend("y"))
    try:
        await g.asend(None)
    except StopAsyncIteration:
        print("  echo finished")


run(talk())


async def gen_in_gen():
    async def inner():
        yield "inner1"
        await Suspend("inner await")
        yield "inner2"

    async for v in inner():
        yield "outer got " + v


async def collect(agen):
    return [v async for v in agen]


print(run(collect(gen_in_gen())))


async def yield_in_finally():
    try:
        yield "body"
    finally:
        yield "finally value"


async def drive_finally():
    g = yield_in_finally()
    print("  ", await g.__anext__())
    print("  ", await g.__anext__())
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("  done")


run(drive_finally())


def sync_use():
    g = ticker(1, "s")
    try:
        for x in g:
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        iter(g)
    except TypeError as e:
        print("TypeError:", e)
    try:
        next(g)
    except TypeError as e:
        print("TypeError:", e)
    try:
        yield_from_async()
    except TypeError as e:
        print("TypeError:", e)


def yield_from_async():
    def inner():
        yield from ticker(1, "t")
    list(inner())


sync_use()
