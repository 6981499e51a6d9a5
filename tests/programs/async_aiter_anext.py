# The aiter() and anext() builtins, with and without a default, over
# async generators and hand-written async iterators.

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


async def agen():
    await Suspend("agen await")
    yield "a"
    yield "b"


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Suspend(f"countdown {self.n}")
        return self.n


async def main():
    it = aiter(agen())
    print("  aiter type", type(it).__name__)
    print("  ", await anext(it))
    print("  ", await anext(it, "default"))
    print("  ", await anext(it, "default"))
    print("  ", await anext(it, "default again"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("  StopAsyncIteration without a default")
    c = Countdown(2)
    print("  same object", aiter(c) is c)
    print("  ", await anext(c), await anext(c, None), await anext(c, "end"))
    return "main done"


print(run(main()))

print("the awaitables:")
g = agen()
a = anext(g)
print(type(a).__name__)
d = anext(g, 0)
print(type(d).__name__, d.__await__() is d, iter(d) is d)
print(next(d))
try:
    d.send(None)
except StopIteration as e:
    print("stop", e.value)
e = anext(g, "E")
try:
    e.send(None)
except StopIteration as s:
    print("stop", s.value)
f = anext(g, "F")
try:
    f.send(None)
except StopIteration as s:
    print("stop", s.value)

print("throw and close through anext_awaitable:")


async def catcher():
    while True:
        try:
            yield "value"
        except ValueError:
            yield "caught"


g = catcher()
w = anext(g, "dflt")
try:
    w.send(None)
except StopIteration as s:
    print("stop", s.value)
w = anext(g, "dflt")
print(w.throw(ValueError) if False else "skip")
try:
    w.throw(ValueError)
except StopIteration as s:
    print("throw stop", s.value)
w = anext(g, "dflt")
print(w.close())

print("coroutine-valued __anext__:")


class CoroNext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return self.produce()

    async def produce(self):
        raise StopAsyncIteration


print(run(anext(CoroNext(), "from default")))

print("errors:")
for bad in [1, [1], agen]:
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        anext(bad)
    except TypeError as e:
        print("TypeError", e)


class BadAiter:
    def __aiter__(self):
        return 5


try:
    aiter(BadAiter())
except TypeError as e:
    print("TypeError", e)
try:
    aiter()
except TypeError as e:
    print("TypeError", e)
try:
    anext(1, 2, 3)
except TypeError as e:
    print("TypeError", e)


class NotAwaitableNext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 1


w = anext(NotAwaitableNext(), "d")
try:
    w.send(None)
except TypeError as e:
    print("TypeError", e)
