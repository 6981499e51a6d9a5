def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1, (str, int)), isinstance(1, (str, (float, int))))
print(isinstance([], list), isinstance([], (tuple, dict)), isinstance(None, type(None)), isinstance(int, type), isinstance(1, object))
print(issubclass(bool, int), issubclass(int, bool), issubclass(bool, (str, int)), issubclass(int, object), issubclass(type, object))
print(isinstance(1, ()), issubclass(int, ()))
t(lambda: isinstance(1))
t(lambda: isinstance(1, 1))
t(lambda: isinstance(1, (int, 1)))
t(lambda: isinstance(1, (str, 1)))
t(lambda: issubclass(1, int))
t(lambda: issubclass(int, 1))
t(lambda: issubclass(int))
t(lambda: isinstance(1, int, x=1))
class A:
    pass
class B(A):
    pass
print(isinstance(B(), A), isinstance(A(), B), issubclass(B, A), issubclass(A, (B, A)))
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == 'magic'
    def __subclasscheck__(cls, sub):
        return sub is int
class C(metaclass=Meta):
    pass
print(isinstance('magic', C), isinstance('x', C), issubclass(int, C), issubclass(str, C))
print(isinstance(range(1), range), isinstance(zip(), zip), isinstance(iter([]), type(iter([]))))
print(isinstance({}.keys(), type({}.keys())), isinstance(enumerate([]), enumerate), isinstance(map(abs, []), map))
