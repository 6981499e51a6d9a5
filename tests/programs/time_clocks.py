# time's clocks and sleep: types, monotonicity, agreement between the
# float and the nanosecond forms, get_clock_info, and the errors.
import time


def show(label, f):
    try:
        r = repr(f())
    except Exception as e:
        print(label, "!!", type(e).__name__, e)
    else:
        print(label, "->", r)


for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    f = getattr(time, name)
    f_ns = getattr(time, name + "_ns")
    a, a_ns = f(), f_ns()
    b_ns, b = f_ns(), f()
    print(name, type(a).__name__, type(a_ns).__name__, a <= b, a_ns <= b_ns, abs(a - a_ns / 1e9) < 1.0)
    print(name + "_ns", a_ns > 0, repr(f))
    show(name + "(1)", lambda: f(1))
    show(name + "_ns(x=1)", lambda: f_ns(x=1))

print(time.time() > 1.6e9, time.time_ns() > 16 * 10**17)

start = time.perf_counter()
time.sleep(0.01)
time.sleep(0)
time.sleep(-0.0)
time.sleep(True)
elapsed = time.perf_counter() - start
print("slept", 1.01 <= elapsed < 5)
start = time.process_time()
total = 0
for i in range(200000):
    total += i
print("process_time advances", time.process_time() >= start, total)

for value in [-1, -0.5, "a", None, float("nan"), 1e300, 10**30, 1.5j]:
    show("sleep(%r)" % (value,), lambda: time.sleep(value))
show("sleep()", lambda: time.sleep())
show("sleep(1, 2)", lambda: time.sleep(1, 2))
show("sleep(x=1)", lambda: time.sleep(x=1))

for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time", "clock", "", 1]:
    show("get_clock_info(%r)" % (name,), lambda: time.get_clock_info(name))

print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID)
print(type(time.clock_gettime(time.CLOCK_MONOTONIC)).__name__, type(time.clock_gettime_ns(time.CLOCK_REALTIME)).__name__)
print(time.clock_getres(time.CLOCK_MONOTONIC), time.clock_getres(time.CLOCK_REALTIME))
print(time.clock_gettime(time.CLOCK_MONOTONIC) <= time.monotonic())
show("clock_gettime(2**40)", lambda: time.clock_gettime(2**40))
show("clock_gettime('a')", lambda: time.clock_gettime('a'))
show("clock_getres(-2**40)", lambda: time.clock_getres(-2**40))
