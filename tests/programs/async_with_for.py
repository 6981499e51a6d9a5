# async with and async for, driven by a tiny event loop.

class Suspend:
    """An awaitable that suspends once, handing `tag` to the loop."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        got = yield self.tag
        return got


def run(coro, sends=None):
    """Drive `coro` until it returns, printing what it hands the loop."""
    sends = list(sends or [])
    value = None
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as e:
            return e.value
        print("  loop got", repr(tag))
        value = sends.pop(0) if sends else None


class Manager:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        print("  enter", self.name)
        await Suspend("enter " + self.name)
        return self.name.upper()

    async def __aexit__(self, typ, value, tb):
        print("  exit", self.name, typ.__name__ if typ else None, value)
        await Suspend("exit " + self.name)
        return self.suppress


async def use_managers():
    async with Manager("a") as a, Manager("b") as b:
        print("  body", a, b)
    async with Manager("c", suppress=True):
        raise KeyError("suppressed")
    try:
        async with Manager("d"):
            raise ValueError("propagated")
    except ValueError as e:
        print("  caught", repr(e))
    return "managers done"


print("managers:", run(use_managers()))


class NoAexit:
    async def __aenter__(self):
        return 1


class NoAenter:
    async def __aexit__(self, *a):
        return 1


class Sync:
    def __enter__(self):
        return 1

    def __exit__(self, *a):
        return False


class BadEnter:
    def __aenter__(self):
        return 42

    async def __aexit__(self, *a):
        return False


class BadExit:
    async def __aenter__(self):
        return self

    def __aexit__(self, *a):
        return "not awaitable"


async def bad_manager(m):
    async with m:
        print("  inside", type(m).__name__)


for m in [NoAexit(), NoAenter(), Sync(), BadEnter(), BadExit(), 5]:
    try:
        run(bad_manager(m))
    except TypeError as e:
        print("TypeError:", e)


class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Suspend(f"next {self.i}")
        return self.i * 10


async def loops():
    total = []
    async for x in Counter(3):
        total.append(x)
    print("  total", total)
    async for x in Counter(5):
        if x == 20:
            continue
        if x == 40:
            break
        print("  item", x)
    else:
        print("  no break?")
    async for x in Counter(0):
        print("  never")
    else:
        print("  else ran")
    try:
        async for x in Counter(2):
            raise RuntimeError("inside async for")
    except RuntimeError as e:
        print("  caught", e)
    return len(total)


print("loops:", run(loops()))


class NoAiter:
    pass


class AiterNoAnext:
    def __aiter__(self):
        return 1


class AnextNotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 7


class AiterAsync:
    async def __aiter__(self):
        return self


async def bad_loop(obj):
    async for x in obj:
        print("  got", x)


for obj in [NoAiter(), AiterNoAnext(), AnextNotAwaitable(), [1, 2]]:
    try:
        run(bad_loop(obj))
    except TypeError as e:
        print("TypeError:", e, "| cause:", repr(e.__cause__))


async def agen(n):
    for i in range(n):
        await Suspend(f"agen {i}")
        yield i


async def comprehensions():
    print("  list", [x async for x in agen(3)])
    print("  set", {x % 2 async for x in agen(4)})
    print("  dict", {x: x * x async for x in agen(3)})
    print("  filtered", [x async for x in agen(6) if x % 2 if x > 1])
    print("  awaited", [await Suspend(x) for x in range(2)])
    nested = [(x, y) async for x in agen(2) for y in "ab"]
    print("  nested", nested)
    g = (x * 2 async for x in agen(3))
    print("  genexp", type(g).__name__, [y async for y in g])
    return "comprehensions done"


print("comprehensions:", run(comprehensions()))


class AsyncIterWithSend:
    """__anext__ returns a plain iterator-backed awaitable object."""

    def __init__(self):
        self.n = 0

    def __aiter__(self):
        return self

    def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return Suspend(self.n)


async def sends():
    out = []
    async for v in AsyncIterWithSend():
        out.append(v)
    return out


print("sends:", run(sends(), ["first", "second"]))
