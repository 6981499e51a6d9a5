# Assigning a class's __bases__: the checks, the new MRO of the class and its subclasses.
class A: pass
class B: pass
class C(A): pass
for v in [1, (), (1,), (C,), (int,), (A,B), (B,)]:
  try: C.__bases__ = v; print(C.__mro__)
  except Exception as e: print(type(e).__name__, e)
try: del C.__bases__
except Exception as e: print(type(e).__name__, e)
try: int.__bases__ = (object,)
except Exception as e: print(type(e).__name__, e)
class S:
  __slots__=('a',)
try: C.__bases__ = (S,)
except Exception as e: print(type(e).__name__, e)
class D(C): pass
C.__bases__ = (A,)
print(D.__mro__, A.__subclasses__(), B.__subclasses__())
A.f = lambda self: 'A.f'
print(D().f())
class E: 
    def __repr__(self): return 'E!'
C.__bases__ = (E,)
print(repr(D()), D.__mro__)
