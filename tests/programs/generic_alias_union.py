# types.GenericAlias (list[int]) and types.UnionType (int | str).
GenericAlias = type(list[int])
UnionType = type(int | str)
print(GenericAlias, UnionType, GenericAlias.__module__, UnionType.__module__)
print(repr(list[int]), repr(dict[str, list[int]]), repr(tuple[()]), repr(tuple[int, ...]))
print(repr(list["x"]), repr(type[int]), repr(GenericAlias(list, int)), repr(GenericAlias(dict, (int, str))))
print(list[int] == list[int], list[int] != list[str], list[int] == list, hash(list[int]) == hash(list[int]))
print(list[int].__origin__, list[int].__args__, list[int].__parameters__, list[int].__unpacked__)
print(list[int](), list[int]("ab"), dict[str, int](a=1), list[int].append, list[int].__mro_entries__(()))
print(set[int], frozenset[str], enumerate[int], type({}.keys()).__name__)

class MyList(list[int]):
    pass
print(MyList.__bases__, MyList([1, 2]))

class Box:
    def __class_getitem__(cls, item):
        return GenericAlias(cls, item)
b = Box[int]()
print(type(b).__name__, b.__orig_class__ == Box[int], repr(Box[int]).rsplit(".", 1)[-1])

for check in [lambda: isinstance([], list[int]), lambda: issubclass(list, list[int])]:
    try:
        check()
    except TypeError as e:
        print("TypeError", e)
try:
    list[int][str]
except TypeError as e:
    print("TypeError", e)
try:
    GenericAlias(list)
except TypeError as e:
    print("TypeError", e)

print(int | str, int | None, None | int, (int | str).__args__, int | str | int)
print(int | int, (int | str) == (str | int), hash(int | str) == hash(str | int), (int | str) == int)
print(int | list[int], (int | list[int]).__args__, list[int] | None)
print(isinstance(1, int | str), isinstance("a", int | str), isinstance(1.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
for check in [lambda: isinstance(1, int | list[int]), lambda: UnionType(), lambda: int | 3, lambda: 3 | int]:
    try:
        check()
    except TypeError as e:
        print("TypeError", e)
try:
    (int | str)[int]
except TypeError as e:
    print("TypeError", e)
class Meta(type):
    pass
class C(metaclass=Meta):
    pass
print(C | int, (C | None).__args__)
print(isinstance(1, int | list[int]))
for check in [lambda: isinstance("a", int | list[int]), lambda: issubclass(int, int | list[int])]:
    try:
        print(check())
    except TypeError as e:
        print("TypeError", e)
print(type(None)(), type(Ellipsis)(), type(NotImplemented)())
