# type.__subclasses__(): the live classes that name a class as a base.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print(A.__subclasses__(), B.__subclasses__(), D.__subclasses__())
def make():
    class E(A): pass
    return E
e = make()
print([k.__name__ for k in A.__subclasses__()])
del e
import gc
gc.collect()
print([k.__name__ for k in A.__subclasses__()])
class M(type): pass
class F(metaclass=M): pass
class G(F): pass
print(F.__subclasses__(), M.__subclasses__(), type(F).__subclasses__(F))
try:
    A.__subclasses__(1)
except TypeError as e:
    print("TypeError", e)
