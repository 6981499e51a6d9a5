# exec, eval and compile: sources, modes, namespaces and errors.
x = 10
print(eval("x + 1"), eval("  x * 2"), eval(b"x - 1"), eval("x", {"x": 5}), eval("x + y", {"x": 1}, {"y": 2}))
g = {}
exec("a = 1\ndef f(n):\n    return n + a\nb = f(2)", g)
print(g["a"], g["b"], "__builtins__" in g, sorted(k for k in g if k != "__builtins__"))
def scope():
    y = 3
    return eval("y * x")
print(scope())
ns = {}
exec("z = 7", None, ns)
print(ns)
code = compile("q = 40 + 2", "<test>", "exec")
print(type(code).__name__, code.co_filename, code.co_name)
exec(code, g)
print(g["q"], eval(compile("q * 2", "f", "eval"), g))
single = compile("1 + 1\n", "s", "single")
print(type(single).__name__)
print(compile("a = 1; b = 2", "s", "single").co_filename)
for bad in [
    lambda: eval("1 +"),
    lambda: exec("def"),
    lambda: compile("x", "f", "bogus"),
    lambda: compile("a = 1\nb = 2\n", "f", "single"),
    lambda: compile("x", "f", "exec", 1 << 30),
    lambda: eval(3),
    lambda: exec(3),
    lambda: exec("x", []),
    lambda: eval("x", {}, 3),
    lambda: eval("undefined_name"),
    lambda: eval("1/0"),
    lambda: compile("x", "f", "exec", optimize=7),
    lambda: eval("a\0b"),
]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
try:
    eval("(1,\n 2,\n")
except SyntaxError as e:
    print(e.msg, e.lineno, e.offset, e.filename)
print(eval("__name__"), eval("__name__", {"__name__": "other"}))
print(eval("[i * i for i in range(4)]"), exec("pass") is None)
