import gc

# Start with no garbage: what the .pth files of site-packages leave at
# start-up depends on the machine.
gc.collect()

def counting():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")

g = counting()
print(next(g))
del g
print("after del")

g = counting()
del g
print("never started: no finally")

g = counting()
print(list(g))
del g
print("finished: finally ran once")

def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
g = catcher()
next(g)
g = None

def cyclic():
    me = yield
    try:
        yield me
    finally:
        print("cyclic finally")
g = cyclic()
next(g)
g.send(g)
del g
print("before collect")
print(gc.collect() > 0)

def stubborn():
    try:
        yield 1
    finally:
        yield 2
import sys
sys.unraisablehook = lambda u: print("unraisable:", u.exc_type.__name__, u.exc_value)
g = stubborn()
next(g)
del g
print("done")
