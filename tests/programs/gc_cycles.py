import gc

gc.collect()
print(gc.isenabled(), gc.get_threshold())

l = []
l.append(l)
del l
print("self-referencing list:", gc.collect())

d = {}
d["self"] = d
del d
print("self-referencing dict:", gc.collect())

a = []
b = [a]
a.append(b)
del a, b
print("two lists:", gc.collect())

t = ([],)
t[0].append(t)
del t
print("tuple and list:", gc.collect())

s = []
s.append((s, s))
del s
print("list holding a tuple of itself:", gc.collect())

def make_closure():
    def inner():
        return inner
    return inner
f = make_closure()
del f
print("closure cycle collected:", gc.collect() > 0)

print("nothing left:", gc.collect())

chain = [[] for _ in range(50)]
for i in range(50):
    chain[i].append(chain[(i + 1) % 50])
del chain
print("ring of 50:", gc.collect())

big = []
for i in range(10000):
    x = [i]
    x.append(x)
    big.append(x)
print(len(big), big[9999][0], big[5000][1] is big[5000])
del big, x
print("many cycles freed:", gc.collect())

keep = []
for round_ in range(20):
    for i in range(500):
        node = {"id": (round_, i)}
        node["self"] = node
        if i % 100 == 7:
            keep.append(node)
    gc.collect()
print(len(keep), all(k["self"] is k for k in keep))
print(keep[0]["id"], keep[-1]["id"], sorted({k["id"][1] for k in keep}))
