# What `await` accepts and the errors for what it does not; awaiting
# generator-backed awaitables and iterators with send/throw/close.

def run(coro, sends=()):
    sends = list(sends)
    value = None
    while True:
        try:
            tag = coro.send(value)
        except StopIteration as e:
            return e.value
        print("  loop got", repr(tag))
        value = sends.pop(0) if sends else None


async def use(x):
    return await x


class ReturnsInt:
    def __await__(self):
        return 1


class ReturnsList:
    def __await__(self):
        return [1, 2]


class ReturnsCoroutine:
    def __await__(self):
        self.made = plain()
        return self.made


class AwaitNotCallable:
    __await__ = 5


class AwaitRaises:
    def __await__(self):
        raise LookupError("no await for you")


class AwaitOnInstance:
    pass


inst = AwaitOnInstance()
inst.__await__ = lambda: iter([])


async def plain():
    return "plain"


cases = [
    1,
    "text",
    None,
    ReturnsInt(),
    ReturnsList(),
    AwaitNotCallable(),
    AwaitRaises(),
    inst,
    ReturnsCoroutine(),
    plain,
]
for x in cases:
    try:
        print("ok", run(use(x)))
    except Exception as e:
        print(type(e).__name__ + ":", e)
    if isinstance(x, ReturnsCoroutine):
        x.made.close()


class Iter:
    """An iterator with send, throw and close, awaited as a delegate."""

    def __init__(self):
        self.log = []
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, value):
        self.log.append(("send", value))
        self.n += 1
        if self.n > 3:
            raise StopIteration(self.log)
        return f"step {self.n}"

    def throw(self, *args):
        self.log.append(("throw", args[0].__name__ if isinstance(args[0], type) else repr(args[0])))
        if isinstance(args[0], ValueError) or args[0] is ValueError:
            return "recovered"
        raise args[0]

    def close(self):
        print("  Iter.close called")


class UsesIter:
    def __init__(self, it):
        self.it = it

    def __await__(self):
        return self.it


print("delegate iterator:")
it = Iter()
print(run(use(UsesIter(it)), ["a", "b"]))

print("throw into delegate:")
it = Iter()
c = use(UsesIter(it))
print(c.send(None))
print(c.throw(ValueError))
try:
    c.throw(KeyError("kk"))
except KeyError as e:
    print("KeyError", e, it.log)

print("close delegates:")
it = Iter()
c = use(UsesIter(it))
c.send(None)
c.close()
print(c.cr_frame)


class NoThrow:
    def __init__(self):
        self.done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self.done:
            raise StopIteration("end")
        self.done = True
        return "once"


class UsesNoThrow:
    def __await__(self):
        return NoThrow()


c = use(UsesNoThrow())
print(c.send(None))
try:
    c.throw(ValueError("no throw method"))
except ValueError as e:
    print("ValueError", e)
c = use(UsesNoThrow())
print(c.send(None))
print(c.close())

print("awaited twice:")


async def slow():
    await UsesNoThrow()
    return "slow done"


s = slow()
s.send(None)


async def second():
    return await s


try:
    run(second())
except RuntimeError as e:
    print("RuntimeError", e)
print(run(s) if False else "skipped")
try:
    s.send(None)
except StopIteration as e:
    print("slow finished", e.value)
try:
    run(second())
except RuntimeError as e:
    print("RuntimeError", e)

print("yield from a coroutine in a generator:")


p = plain()


def gen():
    yield from p


g = gen()
try:
    next(g)
except TypeError as e:
    print("TypeError", e)
p.close()

print("await in generators made by types.coroutine-like code is not tested here")


async def raises_stop():
    raise StopIteration("escapes")


try:
    run(raises_stop())
except RuntimeError as e:
    print("RuntimeError", e, "| cause", repr(e.__cause__), "| context", repr(e.__context__))


async def returns_tuple():
    return (1, 2)


async def returns_exc():
    return ValueError("value, not raised")


print(run(returns_tuple()), repr(run(returns_exc())))
try:
    returns_tuple().send(None)
except StopIteration as e:
    print("args", e.args, "value", e.value)
