# compile() with PyCF_ONLY_AST returns the tree as _ast objects, and
# compile() of a tree built or changed by hand validates it first, with
# CPython's errors for a malformed one.
import _ast as ast
import sys

def parse(source, mode="exec"):
    return compile(source, "<unknown>", mode, ast.PyCF_ONLY_AST)

def show(node, depth=0):
    # A dump without the ast module (which needs enum).
    if isinstance(node, list):
        return "[" + ", ".join(show(n) for n in node) + "]"
    if not isinstance(node, ast.AST):
        return repr(node)
    fields = [f"{f}={show(getattr(node, f))}" for f in node._fields if hasattr(node, f)]
    attrs = [f"{a}={getattr(node, a)}" for a in node._attributes if hasattr(node, a)]
    return f"{type(node).__name__}({', '.join(fields + attrs)})"

for source, mode in [
    ("x = 1 + 2\nprint(x)", "exec"),
    ("a if b else [c for c in d if c]", "eval"),
    ("def f(a, /, b=2, *c, d, e=5, **f) -> int:\n    return {**a, 'k': b}", "exec"),
    ("async def g():\n    async with a as b:\n        await x\n    async for i in y: pass", "exec"),
    ("match p:\n    case [1, *rest] | [2, *rest] if rest: pass\n    case {'k': _, **kw}: pass\n    case C(a, b=2) as z: pass\n    case None: pass", "exec"),
    ("try:\n    pass\nexcept* E as e:\n    raise X from e\nfinally:\n    del q", "exec"),
    ("from . import (a as b, c)\nimport os.path\nglobal g\nx: int = 1", "exec"),
    ("f'{x!r:>{w}}' b'\\x00' 1j 2.5 ... 10**100", "eval"),
    ("lambda x=1: (yield)", "eval"),
    ("x[1:2, ::3] @ -y", "eval"),
    ("1; 2", "single"),
]:
    tree = parse(source, mode)
    print(show(tree))
    print(type(tree).__name__, compile(tree, "<tree>", mode).co_names)

tree = parse("total = sum(n * n for n in range(5))\nprint(total)")
exec(compile(tree, "<tree>", "exec"))
print(parse("x + y", "eval").body.op is parse("1 + 2", "eval").body.op)
print(compile(tree, "<tree>", "exec", ast.PyCF_ONLY_AST) is tree)
try:
    parse("def f(:")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno, e.offset)

# A tree built from scratch, with positions filled in.
L = dict(lineno=1, col_offset=0)
call = ast.Call(ast.Name("print", ast.Load(), **L), [ast.Constant("built", **L)], [], **L)
exec(compile(ast.Module([ast.Expr(call, **L)], []), "<built>", "exec"))
print(eval(compile(ast.Expression(ast.BinOp(ast.Constant(6, **L), ast.Mult(), ast.Constant(7, **L), **L)), "<built>", "eval")))

def t(tree, mode="exec"):
    try:
        compile(tree, "f", mode)
        print("ok")
    except Exception as x:
        print(type(x).__name__, x)

limit = sys.getrecursionlimit()
sys.setrecursionlimit(100)
e = ast.Constant(1, **L)
for i in range(200): e = ast.UnaryOp(ast.USub(), e, **L)
t(ast.Expression(e), 'eval')
sys.setrecursionlimit(limit)
t(ast.Expression(ast.Name('x', None, **L)), 'eval')
t(ast.Module([ast.Expr(ast.Name('x', ast.Load(), **L))], []))
t(ast.Module([ast.Expr(ast.Name('x', ast.Load(), **L), **L), None], []))
t(ast.Module([ast.Expr(ast.Name('None', ast.Load(), **L), **L)], []))
t(ast.Module([ast.Expr(ast.Name('x', ast.Load(), lineno=3, col_offset=0, end_lineno=1), **L)], []))
t(ast.Module([ast.Expr(ast.Name('x', ast.Store(), **L), **L)], []))
t(ast.Module([ast.Expr(ast.Constant([1], **L), **L)], []))
t(ast.Module([ast.Expr(5, **L)], []))
t(ast.Module([ast.Expr(None, **L)], []))
t(ast.Module(5, []))
t(ast.Module([]))
t(ast.Expression(ast.Name(5, ast.Load(), **L)), 'eval')
t(ast.Expression(ast.Name('x', ast.Load(), lineno='a', col_offset=0)), 'eval')
t(ast.Module([ast.If(ast.Name('x', ast.Load(), **L),[],[], **L)], []))
t(ast.Expression(ast.Name('x', ast.Load(), **L)), 'exec')
t(5)
t(ast.Expression(ast.Call(ast.Name('f', ast.Load(), **L), [None], [], **L)), 'eval')
t(ast.Expression(ast.Dict([None], [ast.Name('f', ast.Load(), **L)], **L)), 'eval')
t(ast.Expression(ast.Compare(ast.Name('f', ast.Load(), **L), [None], [ast.Name('f', ast.Load(), **L)], **L)), 'eval')

t(ast.Module([ast.ImportFrom(None, [ast.alias('x', **L)], None, **L)], []))
t(ast.Expression(ast.Constant(2**100, **L)), 'eval')
t(ast.Expression(ast.Name('x', ast.Load(), lineno=2**70, col_offset=0)), 'eval')
t(ast.Expression(ast.Name('x', ast.Load(), lineno=-5, col_offset=0)), 'eval')
t(ast.Expression(ast.JoinedStr([ast.FormattedValue(ast.Name('x', ast.Load(), **L), 5, None, **L)], **L)), 'eval')
t(ast.Expression(ast.Constant((1, [2]), **L)), 'eval')
t(ast.Expression(ast.BoolOp(ast.And(), [], **L)), 'eval')
t(ast.Module([ast.Try([ast.Pass(**L)], [], [], [], **L)], []))
t(ast.Expression(ast.Lambda(ast.arguments([], [], None, [], [], None, [ast.Constant(1, **L)]), ast.Constant(1, **L), **L)), 'eval')
t(ast.Module([ast.Expr(ast.Name('x', ast.Load(), **L), **L)], None))
t(ast.Module([ast.Expr(ast.Name('x', ast.Load(), **L), **L)], [None]))
def tp(source, mode="exec", change=None):
    tree = parse(source, mode)
    change(tree)
    t(tree, mode)

def aug_tuple(t): t.body[0].target = ast.Tuple([ast.Name('a', ast.Store(), lineno=1, col_offset=0)], ast.Store(), lineno=1, col_offset=0)
tp("x += 1", change=aug_tuple)
def ann_tuple(t): t.body[0].target = ast.Tuple([ast.Name('a', ast.Store(), lineno=1, col_offset=0)], ast.Store(), lineno=1, col_offset=0); t.body[0].simple=0
tp("x: int", change=ann_tuple)
def walrus(t): t.body.target = ast.Attribute(ast.Name('a', ast.Load(), lineno=1, col_offset=0), 'b', ast.Store(), lineno=1, col_offset=0)
tp("(x := 1)", 'eval', walrus)
def starred(t): t.body[0].value = ast.Starred(ast.Name('a', ast.Load(), lineno=1, col_offset=0), ast.Load(), lineno=1, col_offset=0)
tp("x", change=starred)
def fmt(t): t.body.values[0].conversion = 5
tp("f'{x}'", 'eval', fmt)
def js(t): t.body.values[0] = ast.Name('a', ast.Load(), lineno=1, col_offset=0)
tp("f'{x}'", 'eval', js)
def imp(t): t.body[0].level = -1
tp("from a import b", change=imp)
def gl(t): t.body[0].names = []
tp("global a", change=gl)
def ms(t): t.body[0].cases[0].pattern = ast.MatchStar('x', lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
tp("match x:\n case y: pass", change=ms)
def mv(t): t.body[0].cases[0].pattern.value = ast.Name('x', ast.Load(), lineno=1, col_offset=0)
tp("match x:\n case 1: pass", change=mv)
def mo(t): t.body[0].cases[0].pattern.patterns.pop()
tp("match x:\n case 1 | 2: pass", change=mo)
def mc(t): t.body[0].cases[0].pattern.cls = ast.Constant(1, lineno=1, col_offset=0)
tp("match x:\n case C(): pass", change=mc)
def ma(t): t.body[0].cases[0].pattern.name = '_'
tp("match x:\n case y: pass", change=ma)
def yi(t): t.body[0] = ast.Expr(ast.Yield(None, lineno=1, col_offset=0), lineno=1, col_offset=0)
tp("x", change=yi)
def ret(t): t.body[0] = ast.Return(None, lineno=1, col_offset=0)
tp("x", change=ret)
def brk(t): t.body[0] = ast.Break(lineno=1, col_offset=0)
tp("x", change=brk)
def sl(t): t.body = ast.Slice(lineno=1, col_offset=0)
tp("x", 'eval', sl)
def dl(t): t.body[0].targets[0] = ast.Call(ast.Name('a', ast.Load(), lineno=1, col_offset=0), [], [], lineno=1, col_offset=0)
tp("del x", change=dl)
def ar(t): t.body[0].args.args.append(ast.arg('x', lineno=1, col_offset=0))
tp("def f(x): pass", change=ar)
def kw(t): t.body.keywords.append(ast.keyword('x', ast.Constant(1, lineno=1, col_offset=0), lineno=1, col_offset=0))
tp("f(x=1)", 'eval', kw)
def nl(t): t.body[0].body[0] = ast.Nonlocal(['q'], lineno=2, col_offset=0)
tp("def f():\n pass", change=nl)
def ms2(t): t.body[0].cases[0].pattern = ast.MatchSingleton(5, lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
tp("match x:\n case y: pass", change=ms2)
def mm(t): t.body[0].cases[0].pattern.keys.pop()
tp("match x:\n case {1: y}: pass", change=mm)
def dc(t): t.body.generators = []
tp("[x for x in y]", 'eval', dc)
def cm(t): t.body.ops.append(ast.Eq())
tp("a < b", 'eval', cm)
def aw(t): t.body[0] = ast.Expr(ast.Await(ast.Name('a', ast.Load(), lineno=1, col_offset=0), lineno=1, col_offset=0), lineno=1, col_offset=0)
tp("x", change=aw)
