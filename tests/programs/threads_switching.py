# Threads take turns: a thread spinning in Python code gives the
# interpreter lock up to the others; blocking calls release it; each
# thread has its own recursion depth and exception state; interrupt_main.
import _thread
import sys
import threading
import time

# Two spinning threads and the main thread all make progress.
counts = [0, 0]
stop = threading.Event()


def spin(i):
    while not stop.is_set():
        counts[i] += 1


ts = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
for t in ts:
    t.start()
deadline = time.monotonic() + 10
while min(counts) < 1000 and time.monotonic() < deadline:
    time.sleep(0.001)
stop.set()
for t in ts:
    t.join()
print("both ran:", min(counts) >= 1000)

# A tight loop with no calls still lets the others in.
flag = []


def setter():
    flag.append(1)


t = threading.Thread(target=setter)
t.start()
n = 0
while not flag:
    n += 1
t.join()
print("saw the other thread's write")

# The sleeping threads overlap: five sleeps of 0.2 s take well under 1 s.
start = time.monotonic()
ts = [threading.Thread(target=time.sleep, args=(0.2,)) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("sleeps overlapped:", time.monotonic() - start < 0.9)


# Each thread has its own recursion depth.
def deep(n):
    return deep(n + 1)


out = []


def recurse():
    try:
        deep(0)
    except RecursionError as e:
        out.append(str(e))


t = threading.Thread(target=recurse)
t.start()
t.join()
print(out)
limit = sys.getrecursionlimit()
sys.setrecursionlimit(200)
out = []


def depth():
    def down(n):
        try:
            return down(n + 1)
        except RecursionError:
            return n
    out.append(down(0) < 200)


t = threading.Thread(target=depth)
t.start()
t.join()
sys.setrecursionlimit(limit)
print(out)

# interrupt_main() raises KeyboardInterrupt in the main thread.
def interrupter():
    time.sleep(0.02)
    _thread.interrupt_main()


threading.Thread(target=interrupter).start()
try:
    while True:
        pass
except KeyboardInterrupt:
    print("KeyboardInterrupt in the main thread")
try:
    _thread.interrupt_main(0)
except ValueError as e:
    print("ValueError:", e)
_thread.interrupt_main(10)
print("a signal without a Python handler does nothing")
try:
    _thread.interrupt_main()
    print("not reached")
except KeyboardInterrupt:
    print("KeyboardInterrupt right after the call")
