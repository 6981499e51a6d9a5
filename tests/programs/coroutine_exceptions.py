# Exceptions through chains of awaits: tracebacks, context, the handled
# exception across suspensions, finally blocks; the last one is uncaught.
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


def names(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


async def leaf(n):
    await Suspend(f"leaf {n}")
    if n == 0:
        raise ValueError("leaf failed")
    return await leaf(n - 1)


async def middle():
    try:
        return await leaf(2)
    finally:
        print("  middle finally")


async def top():
    try:
        await middle()
    except ValueError as e:
        print("  top caught", repr(e))
        print("  frames", names(e.__traceback__))
        return "recovered"


print(run(top()))


async def context_chain():
    try:
        await leaf(0)
    except ValueError:
        raise KeyError("while handling")


try:
    run(context_chain())
except KeyError as e:
    print("KeyError", e, "context", repr(e.__context__))
    print("frames", names(e.__traceback__))
    print("context frames", names(e.__context__.__traceback__))


async def state_across_awaits():
    try:
        raise IndexError("handled")
    except IndexError:
        print("  before await", repr(sys.exc_info()[1]))
        await Suspend("inside except")
        print("  after await", repr(sys.exc_info()[1]))
    print("  after block", sys.exc_info()[1])


def driver():
    c = state_across_awaits()
    try:
        raise TypeError("driver's own")
    except TypeError:
        print("  driver sees", repr(sys.exc_info()[1]))
        print("  sent:", c.send(None))
        print("  driver still sees", repr(sys.exc_info()[1]))
    print("  driver outside", sys.exc_info()[1])
    try:
        c.send(None)
    except StopIteration:
        print("  coroutine done")


driver()


class FailingAwait:
    def __await__(self):
        yield "about to fail"
        raise OSError("awaitable failed")


async def catches_awaitable():
    try:
        await FailingAwait()
    except OSError as e:
        print("  caught", repr(e), names(e.__traceback__))


run(catches_awaitable())


async def throw_target():
    try:
        await Suspend("waiting for throw")
    except ZeroDivisionError as e:
        print("  thrown in:", repr(e), names(e.__traceback__))
        raise


c = throw_target()
c.send(None)
try:
    c.throw(ZeroDivisionError("thrown"))
except ZeroDivisionError as e:
    print("propagated", names(e.__traceback__))


async def deep(n):
    if n == 0:
        await Suspend("bottom")
        raise RuntimeError("deep failure")
    await deep(n - 1)


async def main():
    await middle_layer()


async def middle_layer():
    await deep(3)


run(main())
