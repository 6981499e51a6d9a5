# The _thread module: starting threads, its locks and their errors.
import _thread
import sys
import time

print(sorted(n for n in dir(_thread) if not n.startswith("__")))
print(_thread.TIMEOUT_MAX, _thread.error is RuntimeError, _thread.LockType)

# Threads run the function with its arguments and keyword arguments.
results = []
done = _thread.allocate_lock()
done.acquire()


def worker(n, *, scale=1):
    results.append(n * scale)
    if len(results) == 4:
        done.release()


idents = [_thread.start_new_thread(worker, (n,), {"scale": 10}) for n in range(4)]
print(done.acquire(timeout=10), sorted(results))
print(all(isinstance(i, int) for i in idents), _thread.get_ident() not in idents)
print(isinstance(_thread.get_native_id(), int))
# The count goes down as the threads end.
deadline = time.monotonic() + 10
while _thread._count() and time.monotonic() < deadline:
    time.sleep(0.001)
print("count", _thread._count())

# An exception in a thread goes to sys.unraisablehook; SystemExit ends
# the thread quietly.
reports = []
hooked = _thread.allocate_lock()
hooked.acquire()


def unraisable(args):
    reports.append((args.err_msg, args.exc_type.__name__, str(args.exc_value),
                    args.object.__name__))
    hooked.release()


sys.unraisablehook = unraisable


def fails():
    raise KeyError("in thread")


_thread.start_new_thread(fails, ())
hooked.acquire(timeout=10)
print(reports)
quiet = _thread.allocate_lock()
quiet.acquire()


def exits():
    quiet.release()
    _thread.exit()


_thread.start_new_thread(exits, ())
quiet.acquire(timeout=10)
time.sleep(0.05)
print(reports[1:])
sys.unraisablehook = sys.__unraisablehook__

for args in [(1, ()), (print, []), (print, (), []), (print,), (print, (), {}, 4)]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print("TypeError:", e)

# lock
lock = _thread.allocate_lock()
print(repr(lock).split(" at ")[0], lock.locked())
print(lock.acquire(), lock.acquire(False), lock.acquire(timeout=0.01), lock.locked())
print(repr(lock).split(" at ")[0])
lock.release()
for call in [lock.release, lock.release_lock]:
    try:
        call()
    except RuntimeError as e:
        print("RuntimeError:", e)
with lock:
    print("in with", lock.locked_lock())
print(lock.locked())
for kwargs in [{"timeout": -2}, {"blocking": False, "timeout": 1}, {"timeout": 1e20},
               {"timeout": float("nan")}, {"timeout": "x"}]:
    try:
        lock.acquire(**kwargs)
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    lock.acquire(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    _thread.LockType()
except TypeError as e:
    print("TypeError:", e)

# A lock released by another thread wakes the waiter.
lock.acquire()
_thread.start_new_thread(lambda: (time.sleep(0.02), lock.release()), ())
print("released by another thread:", lock.acquire(timeout=10))
lock.release()

# RLock
r = _thread.RLock()
print(repr(r).split(" at ")[0], r._is_owned(), r._recursion_count())
r.acquire()
r.acquire()
print(r._is_owned(), r._recursion_count(), repr(r).split("count=")[1].split(" ")[0])
state = r._release_save()
print(state[0], state[1] == _thread.get_ident(), r._is_owned())
r._acquire_restore(state)
print(r._recursion_count())
r.release()
r.release()
for call in [r.release, r._release_save]:
    try:
        call()
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    r._acquire_restore(1)
except TypeError as e:
    print("TypeError:", e)

# Another thread cannot take or release an RLock this thread holds.
r.acquire()
seen = []
finished = _thread.allocate_lock()
finished.acquire()


def other():
    seen.append(r.acquire(False))
    try:
        r.release()
    except RuntimeError as e:
        seen.append(str(e))
    seen.append(r._recursion_count())
    finished.release()


_thread.start_new_thread(other, ())
finished.acquire(timeout=10)
print(seen)
r.release()


class MyRLock(_thread.RLock):
    pass


print(repr(MyRLock()).split(" at ")[0])

# stack_size
# stack_size() with no argument sets the default back.
print(_thread.stack_size(), _thread.stack_size(1 << 20), _thread.stack_size())
_thread.stack_size(1 << 20)
for size in [100, 32767, -1]:
    try:
        _thread.stack_size(size)
    except ValueError as e:
        print("ValueError:", e)
print(_thread.stack_size(0), _thread.stack_size(0))
sized = _thread.allocate_lock()
sized.acquire()
_thread.stack_size(256 * 1024)
_thread.start_new_thread(sized.release, ())
print("ran with a small stack:", sized.acquire(timeout=10))
_thread.stack_size(0)
