# contextlib, operator, copy and types.
import contextlib
import copy
import operator
import types
import sys
import io


@contextlib.contextmanager
def tag(name):
    print("<" + name + ">")
    try:
        yield name.upper()
    finally:
        print("</" + name + ">")


with tag("a") as t:
    print(t)
try:
    with tag("b"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)
with contextlib.suppress(KeyError):
    {}["x"]
print("suppressed")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("hidden")
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    for n in ["x", "y"]:
        stack.enter_context(tag(n))
    stack.callback(print, "callback")
print(contextlib.nullcontext(5).__enter__())


class Res(contextlib.ContextDecorator):
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, *exc):
        print("exit", exc[0])
        return False


@Res()
def work():
    print("working")


work()


class Closer:
    def close(self):
        print("closed")


with contextlib.closing(Closer()):
    pass


@contextlib.asynccontextmanager
async def actx():
    yield 1


async def main():
    async with actx() as v:
        return v


co = main()
try:
    co.send(None)
except StopIteration as e:
    print("async", e.value)
print(contextlib.AbstractContextManager.__subclasshook__(Closer))

print(operator.add(1, 2), operator.itemgetter(1, 0)("ab"), operator.attrgetter("real", "imag")(3 + 4j))
print(operator.methodcaller("split", ",")("a,b"), operator.neg(5), operator.contains([1], 1), operator.index(7))
print(operator.length_hint([1, 2]), operator.length_hint(iter(range(5))), operator.truth([]), operator.concat("a", "b"))
print(repr(operator.itemgetter(1)), repr(operator.attrgetter("x.y")), repr(operator.methodcaller("f", 1, k=2)))
print(operator.attrgetter("__class__.__name__")(1), operator.is_(None, None), operator.iadd([1], [2]))
print(sorted([(1, "b"), (0, "a")], key=operator.itemgetter(1)), operator.getitem({"k": 3}, "k"))

lst = [[1, 2], {"a": (3, 4)}]
sh = copy.copy(lst)
dp = copy.deepcopy(lst)
print(sh[0] is lst[0], dp[0] is lst[0], dp == lst)
rec = [1]
rec.append(rec)
dr = copy.deepcopy(rec)
print(dr[1] is dr, dr[0])


class WithCopy:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return WithCopy(self.v + 1)

    def __deepcopy__(self, memo):
        return WithCopy(self.v + 100)


print(copy.copy(WithCopy(1)).v, copy.deepcopy(WithCopy(1)).v)
print(copy.deepcopy({1, 2}), copy.copy(frozenset({3})), copy.deepcopy((1, [2])), copy.copy(range(3)))
try:
    copy.deepcopy(sys.stdin.buffer.raw if hasattr(sys.stdin, "buffer") else None)
except TypeError as e:
    print("TypeError", e)

ns = types.SimpleNamespace(a=1, b=2)
print(ns, ns.a, ns == types.SimpleNamespace(b=2, a=1), copy.copy(ns))
print(types.FunctionType, types.ModuleType("m"), types.MappingProxyType({"k": 1}))
print(isinstance(lambda: 0, types.LambdaType), isinstance(print, types.BuiltinFunctionType))
print(types.new_class("N", (object,), {}, lambda ns: ns.update(x=1)).x)
print(types.resolve_bases((int,)), types.GeneratorType, types.CodeType.__name__)


print(types.NoneType, types.NotImplementedType, types.EllipsisType)
mp = types.MappingProxyType({"k": 1})
print(mp["k"], len(mp), list(mp), mp.get("z"), mp | {"z": 2}, "k" in mp)
try:
    mp["k"] = 2
except TypeError as e:
    print("TypeError", e)
try:
    types.MappingProxyType([])
except TypeError as e:
    print("TypeError", e)
print(types.DynamicClassAttribute, types.GenericAlias(list, (int,)))
