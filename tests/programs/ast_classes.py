# The classes of the _ast module: hierarchy, _fields, _attributes,
# __match_args__, docstrings, class defaults, AST.__init__ and __reduce__.
import _ast

print(_ast.AST, _ast.AST.__module__, _ast.AST._fields, _ast.AST._attributes)
print(_ast.Name, _ast.Name.__mro__)
print(_ast.Load.__mro__, _ast.Add.__mro__, _ast.arguments.__mro__)
print(_ast.Name._fields, _ast.Name.__match_args__, _ast.expr._attributes)
print(_ast.arg._attributes, _ast.comprehension._attributes, _ast.mod._attributes)
print(_ast.Load._fields, _ast.stmt._fields, _ast.TypeIgnore._fields)
for name in ["Name", "Load", "arguments", "Dict", "ImportFrom", "MatchSingleton",
             "expr_context", "type_ignore", "mod", "cmpop"]:
    print(repr(getattr(_ast, name).__doc__))
print(_ast.stmt.__doc__.splitlines()[:3])
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(sorted(k for k in vars(_ast) if not k.startswith("__"))[:20])
print(len([k for k in vars(_ast) if isinstance(getattr(_ast, k), type) and not k.startswith("_")]))

# Optional fields and attributes read as None from the class.
print(_ast.FunctionDef.returns, _ast.ImportFrom.level, _ast.stmt.end_lineno, _ast.arg.type_comment)
print("end_lineno" in _ast.pattern.__dict__, "kind" in _ast.Constant.__dict__)

n = _ast.Name("x", lineno=3)
print(n.id, n.lineno, n.end_lineno, sorted(n.__dict__))
try:
    n.ctx
except AttributeError as e:
    print("AttributeError", e)
n2 = _ast.BinOp(left=_ast.Constant(1), right=_ast.Constant(2), extra="kept")
print(n2.left.value, n2.right.value, n2.extra)
r = _ast.Constant(5, kind="u").__reduce__()
print(r[0].__name__, r[1], r[2])
print(_ast.AST().__reduce__()[0], _ast.Load().__reduce__()[1:])
for args, kwargs in [((1, 2, 3), {}), ((1,), {"id": 2}), ((), {}), ((1,), {})]:
    try:
        _ast.Name(*args, **kwargs)
        print("ok", args, kwargs)
    except TypeError as e:
        print("TypeError", e)
for cls, args in [(_ast.AST, (1,)), (_ast.Load, (1,)), (_ast.Slice, (1, 2, 3, 4)),
                  (_ast.keyword, ("a", "b", "c"))]:
    try:
        cls(*args)
    except TypeError as e:
        print("TypeError", e)

# Subclasses behave like the classes they derive from.
class MyName(_ast.Name):
    _fields = ("id", "ctx", "note")

m = MyName("x", _ast.Load(), "hi")
print(m.note, isinstance(m, _ast.expr), MyName.__match_args__)
match _ast.BinOp(_ast.Constant(1), _ast.Add(), _ast.Name("y")):
    case _ast.BinOp(_ast.Constant(value), _ast.Add(), _ast.Name(name)):
        print("matched", value, name)
