import gc

# Start with no garbage: what the .pth files of site-packages leave at
# start-up depends on the machine.
gc.collect()

print(sorted(n for n in dir(gc) if not n.startswith("_")))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(700, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)

gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

for bad in [lambda: gc.collect(3), lambda: gc.collect(-1), lambda: gc.collect("x"),
            lambda: gc.collect(1, 2), lambda: gc.collect(gen=1),
            lambda: gc.set_threshold(), lambda: gc.set_threshold(1, 2, 3, 4),
            lambda: gc.set_threshold(1.5), lambda: gc.get_objects(3),
            lambda: gc.get_objects(-2), lambda: gc.is_tracked(),
            lambda: gc.enable(1), lambda: gc.get_count(1), lambda: gc.set_debug("a")]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

print(gc.collect(0), gc.collect(1), gc.collect(generation=2))
print(type(gc.get_count()), len(gc.get_count()))
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
print(gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug())
l = []
l.append(l)
del l
print(gc.collect())
print(len(gc.garbage), gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()

print(gc.is_tracked(0), gc.is_tracked("a"), gc.is_tracked([]), gc.is_tracked(1.5))
class A:
    pass
print(gc.is_tracked(A()), gc.is_tracked(A), gc.is_tracked(int), gc.is_tracked(len))
t = (1, 2, "three")
gc.collect()
print("atomic tuple after a collection:", gc.is_tracked(t))
t2 = ([],)
gc.collect()
print("tuple with a list:", gc.is_tracked(t2))
print(gc.is_finalized(A()))

gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())

phases = []
def callback(phase, info):
    phases.append((phase, sorted(info), info["generation"]))
gc.callbacks.append(callback)
gc.collect()
gc.collect(1)
gc.callbacks.remove(callback)
print(phases)

x = [1, 2, 3]
y = {"a": x}
z = (x, y)
print(gc.get_referents(x), gc.get_referents(z) == [x, y] or gc.get_referents(z) == [y, x])
print(len(gc.get_referents(y)), x in gc.get_referents(y))
print(any(r is y for r in gc.get_referrers(x)), any(r is z for r in gc.get_referrers(x)))
print(gc.get_referents(1, "s"))
objs = gc.get_objects()
print(type(objs), any(o is y for o in objs))
