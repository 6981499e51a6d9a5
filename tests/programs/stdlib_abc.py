# The abc module: ABCMeta, abstractmethod, register, __subclasshook__.
import abc


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self):
        ...

    @property
    @abc.abstractmethod
    def name(self):
        ...

    @classmethod
    @abc.abstractmethod
    def make(cls):
        ...


for cls in [Base]:
    try:
        cls()
    except TypeError as e:
        print("TypeError", e)


class Half(Base):
    def run(self):
        return "ran"


try:
    Half()
except TypeError as e:
    print("TypeError", e)


class Full(Half):
    name = "full"

    @classmethod
    def make(cls):
        return cls()


f = Full.make()
print(f.run(), f.name, sorted(Base.__abstractmethods__), Full.__abstractmethods__)
print(isinstance(f, Base), issubclass(Full, Base), abc.get_cache_token() is not None)


class Registered:
    pass


Base.register(Registered)
print(issubclass(Registered, Base), isinstance(Registered(), Base))


class Sized(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Sized:
            return hasattr(C, "__len__")
        return NotImplemented


print(issubclass(list, Sized), issubclass(int, Sized), isinstance("", Sized))


class Meta(metaclass=abc.ABCMeta):
    pass


print(type(Meta).__name__, type(Meta()).__name__, abc.ABC.__slots__ if hasattr(abc.ABC, "__slots__") else None)


class Dyn:
    def f(self):
        pass


Dyn.__abstractmethods__ = frozenset({"f", "g"})
try:
    Dyn()
except TypeError as e:
    print("TypeError", e)
Dyn.__abstractmethods__ = frozenset()
print(type(Dyn()).__name__)
try:
    type.__abstractmethods__
except AttributeError as e:
    print("AttributeError", e)
print(abc.update_abstractmethods(Full) is Full)
