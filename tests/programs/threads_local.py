# threading.local (_thread._local): attributes each thread sees its own of.
import _thread
import gc
import threading

print(threading.local is _thread._local, threading.local.__doc__)
data = threading.local()
data.x = 1
data.items = ["main"]
print(data.x, data.__dict__)
seen = {}


def show(name):
    seen[name] = (hasattr(data, "x"), data.__dict__.copy())
    data.x = name
    data.items = [name]
    seen[name + " after"] = (data.x, data.items)


threads = [threading.Thread(target=show, args=(f"t{i}",)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(seen.items()))
print(data.x, data.items)
del data.x
print(hasattr(data, "x"), data.__dict__)
try:
    data.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    data.__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)


# A subclass's __init__ runs again in each thread that uses the object,
# with the arguments it was made with.
class Config(threading.local):
    initialized = 0

    def __init__(self, value, *, scale=1):
        self.value = value * scale
        self.thread = threading.current_thread().name
        Config.initialized += 1

    def doubled(self):
        return self.value * 2


config = Config(21, scale=2)
print(config.value, config.thread, config.doubled(), Config.initialized)
results = []


def use_config():
    results.append((config.value, config.thread, config.doubled()))
    config.value = 0


t = threading.Thread(target=use_config, name="worker")
t.start()
t.join()
print(results, config.value, Config.initialized)


class Slotted(threading.local):
    __slots__ = ("a",)


s = Slotted()
s.a = 1
s.b = 2
out = []
t = threading.Thread(target=lambda: out.append((hasattr(s, "a"), hasattr(s, "b"))))
t.start()
t.join()
print(out, s.a, s.b)


# A thread's values go when the thread ends.
class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


holder = threading.local()
t = threading.Thread(target=lambda: setattr(holder, "obj", Tracked("thread value")))
t.start()
t.join()
print("thread joined")
holder.obj = Tracked("main value")
del holder
gc.collect()
print("end")
