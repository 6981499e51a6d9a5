import gc, sys

log = []

class C:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)
        print("del", self.name)

def show(label):
    print(label, log)
    log.clear()

c = C("a")
del c
show("del statement")

c = C("b")
c = C("c")
show("rebinding")
del c
show("second")

def scope():
    x = C("local")
    print("in scope")
scope()
show("scope exit")

items = [C("l1"), C("l2"), C("l3")]
items.pop(1)
show("pop")
items.clear()
show("clear")

d = {"k": C("dv")}
del d["k"]
show("dict del")
d["k"] = C("dv2")
d["k"] = 1
show("dict replace")

class D(C):
    pass
x = D("sub")
del x
show("inherited")

class E(C):
    def __del__(self):
        print("E.__del__ of", self.name)
        super().__del__()
x = E("e")
x = None
show("super().__del__")

class NoDel:
    pass
n = NoDel()
n.attr = C("attr")
del n
show("attribute freed with owner")

survivors = []
class Phoenix:
    count = 0
    def __del__(self):
        Phoenix.count += 1
        print("phoenix finalizer", Phoenix.count)
        survivors.append(self)
p = Phoenix()
del p
print("resurrected", len(survivors), gc.is_finalized(survivors[0]))
p = survivors.pop()
del p
print("finalizer ran", Phoenix.count, "times")

t = (C("t1"), C("t2"))
del t
show("tuple")

def gen():
    c = C("genlocal")
    yield 1
    yield 2
g = gen()
next(g)
del g
show("generator local")

class Counter:
    instances = 0
    def __init__(self):
        Counter.instances += 1
    def __del__(self):
        Counter.instances -= 1
objs = [Counter() for _ in range(100)]
print(Counter.instances)
del objs[:50]
print(Counter.instances)
objs = None
print(Counter.instances)

print(C.__del__.__name__, hasattr(object, "__del__"))
c = C("explicit")
c.__del__()
show("explicit call")
del c
show("then freed")
