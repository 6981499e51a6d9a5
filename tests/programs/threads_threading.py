# threading.Thread: starting, joining, names, identities, the thread
# list, daemons and the exception hook.
import sys
import threading
import time

main = threading.current_thread()
print(main.name, main is threading.main_thread(), main.daemon, main.is_alive())
print(repr(main).startswith("<_MainThread(MainThread, started "))
print(threading.active_count(), threading.enumerate() == [main])
print(threading.get_ident() == main.ident, threading.get_native_id() == main.native_id)

results = {}


def work(key, value, *, extra=0):
    me = threading.current_thread()
    results[key] = (me.name, value + extra, me is not main, me.ident == threading.get_ident())


threads = [threading.Thread(target=work, args=(i, i * i), kwargs={"extra": 1}, name=f"w{i}")
           for i in range(5)]
print([t.name for t in threads], [t.is_alive() for t in threads], threads[0].ident)
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()))
print([t.is_alive() for t in threads], all(t.ident for t in threads))
print(repr(threads[0]).split(" ")[0], "stopped" in repr(threads[0]))

# Default names count up.
t = threading.Thread(target=lambda: None)
print(t.name.startswith("Thread-"), "(<lambda>)" in t.name)


# A subclass overriding run.
class Counter(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.total = 0

    def run(self):
        for i in range(self.n):
            self.total += i


c = Counter(1000)
c.start()
c.join()
print(c.total)

# join with a timeout on a thread that is still running.
release = threading.Event()
slow = threading.Thread(target=release.wait, name="slow")
slow.start()
slow.join(0.01)
print(slow.is_alive(), "slow" in [t.name for t in threading.enumerate()],
      threading.active_count())
release.set()
slow.join()
print(slow.is_alive(), threading.active_count())

# Errors.
try:
    c.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    main.join()
except RuntimeError as e:
    print("RuntimeError:", e)
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon)
d.daemon = False
print(d.daemon)
d.start()
try:
    d.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
d.join()

# A daemon thread inherits daemon-ness from its creator.
inner = []


def spawner():
    t = threading.Thread(target=lambda: None)
    inner.append(t.daemon)
    t.start()
    t.join()


s = threading.Thread(target=spawner, daemon=True)
s.start()
s.join()
print(inner)

# The exception hook: a replacement, then the default one on stderr.
seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                 args.exc_traceback is not None))


threading.excepthook = hook
t = threading.Thread(target=lambda: 1 / 0, name="divider")
t.start()
t.join()
print(seen)
threading.excepthook = threading.__excepthook__


def fails():
    raise ValueError("boom")


t = threading.Thread(target=fails, name="failing")
t.start()
t.join()
t = threading.Thread(target=sys.exit, args=(3,))
t.start()
t.join()
print("SystemExit in a thread is quiet")

# sys.exc_info() belongs to each thread.
seen = []


def look():
    seen.append(sys.exc_info())
    try:
        raise TypeError("in thread")
    except TypeError:
        seen.append(sys.exc_info()[0].__name__)


try:
    raise KeyError("main")
except KeyError:
    t = threading.Thread(target=look)
    t.start()
    t.join()
    print(seen, sys.exc_info()[0].__name__)

# settrace/setprofile hooks exist; get/set of the switch interval.
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
for bad in [0, -1.0, "x"]:
    try:
        sys.setswitchinterval(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
sys.setswitchinterval(0.005)
