# _thread: identity and the lock types, in one thread.
import _thread
l = _thread.allocate_lock()
print(repr(l).split(" at ")[0], l.acquire(), l.locked(), l.acquire(False), l.acquire(timeout=0.01))
print(repr(l).split(" at ")[0])
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError", e)
with l:
    print(l.locked())
print(l.locked())
r = _thread.RLock()
print(repr(r).split(" at ")[0], r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
print(repr(r).split(" owner=")[0])
r.release(); r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)
with r:
    with r:
        print(r._recursion_count())
print(_thread.TIMEOUT_MAX, _thread.error, type(l).__name__, _thread.LockType, _thread._count())
print(type(_thread.get_ident()).__name__, _thread.get_ident() == _thread.get_ident(), type(_thread.get_native_id()).__name__)
for bad in [lambda: l.acquire(False, 1), lambda: l.acquire(timeout=-2), lambda: _thread.LockType(), lambda: _thread.RLock(1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
