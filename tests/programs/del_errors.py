import sys

def hook(u):
    print("unraisable:", u.exc_type.__name__, repr(u.exc_value), u.err_msg,
          getattr(u.object, "__qualname__", type(u.object).__name__),
          type(u.exc_traceback).__name__, type(u).__name__)
sys.unraisablehook = hook

class Bad:
    def __del__(self):
        raise ValueError("boom")

b = Bad()
del b
print("after first")

class Chained:
    def __del__(self):
        try:
            {}["missing"]
        except KeyError:
            raise RuntimeError("while handling")
c = Chained()
c = None

class Empty:
    def __del__(self):
        raise TypeError
e = Empty()
del e

def failing_hook(u):
    raise OSError("hook failed")

print(sys.unraisablehook is hook, sys.__unraisablehook__ is not hook)
print(hasattr(sys, "UnraisableHookArgs"))

class Outer:
    def __del__(self):
        print("outer finalizer keeps going")
        raise ZeroDivisionError("inner")
o = Outer()
del o
print("the program goes on")

try:
    raise KeyError("x")
except KeyError:
    b = Bad()
    del b
    print("exception still handled:", sys.exc_info()[0].__name__)

class SelfRef:
    def __del__(self):
        print("attribute in __del__:", self.value)
s = SelfRef()
s.value = 42
del s
