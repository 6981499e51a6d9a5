# The typing module: generic aliases, TypeVar, Generic, Protocol, NamedTuple,
# TypedDict, get_type_hints, overload, cast, Literal, Annotated.
import typing
from typing import (Any, Callable, ClassVar, Dict, Final, Generic, List, Literal,
                    NamedTuple, Optional, Protocol, Tuple, TypedDict, TypeVar, Union,
                    Annotated, cast, get_args, get_origin, get_type_hints, overload,
                    runtime_checkable, Iterable, Sequence, Mapping, NewType)

T = TypeVar("T")
K = TypeVar("K", bound=str)
print(T, K.__bound__, T.__name__, repr(TypeVar("C", int, str).__constraints__))
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Tuple[int, ...])
print(Callable[[int, str], bool], Callable[..., int], Literal[1, "a"], Any, ClassVar[int])
print(get_origin(List[int]), get_args(Dict[str, int]), get_args(Optional[int]))
print(Union[int, Union[str, int]], Union[int], Optional[Union[int, str]])
print(List[int] == List[int], List[int] == List[str], hash(List[int]) == hash(List[int]))
print(list[int], dict[str, int] | None, int | str)


class Stack(Generic[T]):
    def __init__(self):
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)


s = Stack[int]()
s.push(1)
print(s.items, Stack[int], Stack.__parameters__, Stack[str].__origin__ is Stack)


class Point(NamedTuple):
    x: int
    y: int = 0

    def norm(self):
        return self.x + self.y


p = Point(1, 2)
print(p, p.x, p._asdict(), Point._fields, Point(3), p.norm(), p._replace(y=5))
print(Point.__annotations__, Point._field_defaults)
Emp = NamedTuple("Emp", [("name", str), ("id", int)])
print(Emp("a", 1))


class Movie(TypedDict):
    name: str
    year: int


class Movie2(Movie, total=False):
    rating: float


m: Movie = {"name": "x", "year": 1}
print(m, Movie.__required_keys__, Movie2.__optional_keys__, Movie2.__total__)


@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...


class F:
    def close(self):
        pass


print(isinstance(F(), Closable), isinstance(1, Closable))


def f(a: int, b: "str" = "x") -> Optional[List[int]]:
    return None


print(get_type_hints(f))
print(f.__annotations__)


@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x):
    return x


print(g(3), cast(int, "no"), cast("List[int]", 1))
UserId = NewType("UserId", int)
print(UserId(5), UserId, UserId.__supertype__)
A = Annotated[int, "meta"]
print(A, get_args(A), A.__metadata__, get_type_hints(type("X", (), {"__annotations__": {"a": A}}), include_extras=True))
print(typing.TYPE_CHECKING, Final[int], typing.NoReturn, typing.Sequence[int])
print(isinstance([], Iterable), issubclass(list, Sequence), isinstance({}, Mapping))
print(typing.Iterable[int].__origin__, typing.List.__origin__)
try:
    List[int, str]
except TypeError as e:
    print("TypeError", e)
try:
    isinstance(1, List[int])
except TypeError as e:
    print("TypeError", e)


def deco(fn: Callable[..., T]) -> Callable[..., T]:
    return fn


print(deco(len)("ab"))
P = typing.ParamSpec("P")
print(P, P.args, P.kwargs, Callable[P, int])
print(typing.Self, typing.LiteralString, typing.Never, typing.assert_never.__name__)
print(typing.reveal_type.__name__, typing.TypeAlias)
Ts = typing.TypeVarTuple("Ts")
print(Ts, typing.Unpack[Ts])
print(typing.get_overloads(g) is not None)
