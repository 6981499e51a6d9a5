import gc, sys
from _weakref import ref

sys.unraisablehook = lambda u: print("unraisable:", u.exc_type.__name__, u.exc_value)
gc.collect()

order = []
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __del__(self):
        order.append(self.name)
        print("finalizing", self.name, "other is", self.other.name if self.other else None)

a, b = Node("a"), Node("b")
a.other, b.other = b, a
del a, b
print("before collect", order)
print("collected", gc.collect() > 0)
print(sorted(order))

saved = []
class Lazarus:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("Lazarus finalized")
        saved.append(self)
x = Lazarus()
del x
print("collect with resurrection:", gc.collect() >= 0, len(saved))
print(gc.is_finalized(saved[0]), saved[0].me is saved[0])
saved.clear()
print("second collect:", gc.collect() > 0)

seen = []
class Watched:
    pass
w = Watched()
w.self = w
r = ref(w, lambda wr: seen.append(("callback", wr() is None)))
class Finalizer:
    def __init__(self, target):
        self.target = target
        self.wr = ref(target)
    def __del__(self):
        seen.append(("del", self.wr() is None))
f = Finalizer(w)
w.f = f
del w, f
gc.collect()
print(seen)

class Raiser:
    def __init__(self):
        self.me = self
    def __del__(self):
        raise RuntimeError("from a cycle")
x = Raiser()
del x
print("raising finalizer:", gc.collect() > 0)

def gen():
    try:
        yield 1
    finally:
        print("generator in a cycle closed")
g = gen()
next(g)
holder = [g]
holder.append(holder)
del g, holder
gc.collect()

class WithSlots:
    __slots__ = ("ref", "__weakref__")
    def __del__(self):
        print("slotted finalized")
s = WithSlots()
s.ref = s
del s
gc.collect()
print("done")
