# threading's synchronization objects: Lock, RLock, Condition, Event,
# Semaphore, BoundedSemaphore, Barrier and Timer.
import threading
import time

lock = threading.Lock()
print(type(lock).__name__, lock.locked(), repr(lock).split(" at ")[0])
counter = [0]


def add(n):
    for _ in range(n):
        with lock:
            counter[0] += 1


threads = [threading.Thread(target=add, args=(1000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)

r = threading.RLock()
with r:
    with r:
        print(r._is_owned(), repr(r).split("owner=")[1].split(" ")[1])
print(r._is_owned())

# Condition: waiters wake on notify_all; wait_for sees the predicate.
cond = threading.Condition()
ready = []
woken = []


def waiter(i):
    with cond:
        print_ok = cond.wait_for(lambda: ready, timeout=10)
        woken.append((i, print_ok))


waiters = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in waiters:
    t.start()
time.sleep(0.02)
with cond:
    ready.append(True)
    cond.notify_all()
for t in waiters:
    t.join()
print(sorted(woken))
with cond:
    print("wait timed out:", cond.wait(0.01))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)

# notify(n) wakes n waiters.
cond = threading.Condition(threading.Lock())
count = [0]
gate = threading.Semaphore(0)


def one():
    with cond:
        gate.release()
        cond.wait()
        count[0] += 1


ts = [threading.Thread(target=one) for _ in range(3)]
for t in ts:
    t.start()
for _ in ts:
    gate.acquire()
with cond:
    cond.notify(2)
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    with cond:
        if count[0] >= 2:
            break
    time.sleep(0.001)
with cond:
    print("after notify(2):", count[0])
    cond.notify()
for t in ts:
    t.join()
print("after notify():", count[0])

# Event
ev = threading.Event()
print(ev.is_set(), ev.wait(0.01))
got = []
t = threading.Thread(target=lambda: got.append(ev.wait(10)))
t.start()
ev.set()
t.join()
print(got, ev.is_set())
ev.clear()
print(ev.is_set())

# Semaphore: never more than two at once.
sem = threading.Semaphore(2)
active = [0]
peak = [0]


def limited():
    with sem:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.01)
        with lock:
            active[0] -= 1


ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("peak", peak[0])
print(sem.acquire(timeout=0.01), sem.acquire(False), sem.acquire(False), sem.acquire(False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)

# Barrier: every party passes together; the indices are 0..n-1.
barrier = threading.Barrier(3, action=lambda: print("barrier action"))
indices = []


def party():
    indices.append(barrier.wait(10))


ts = [threading.Thread(target=party) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(indices), barrier.parties, barrier.n_waiting, barrier.broken)
b2 = threading.Barrier(2)
try:
    b2.wait(0.01)
except threading.BrokenBarrierError:
    print("BrokenBarrierError", b2.broken)
b2.reset()
print(b2.broken)

# Timer: runs once after its interval; cancel stops it.
fired = threading.Event()
timer = threading.Timer(0.01, fired.set)
timer.start()
print("timer fired:", fired.wait(10))
timer.join()
calls = []
timer = threading.Timer(10, calls.append, args=("never",))
timer.start()
timer.cancel()
timer.join()
print("cancelled:", calls, timer.is_alive())
print(threading.active_count())
