# contextvars: ContextVar get/set/reset, tokens, contexts and Context.run.
import contextvars as c

def clean(s):
    out = []
    for part in s.split('0x'):
        if out:
            part = 'ADDR' + part.lstrip('0123456789abcdef')
        out.append(part)
    return ''.join(out)

v = c.ContextVar('v', default=1)
print(clean(repr(v)), v.name, v.get())
t = v.set(2)
print(clean(repr(t)), t.var is v, t.old_value, c.Token.MISSING, t.old_value is c.Token.MISSING)
ctx = c.copy_context()
print(type(ctx), len(ctx), list(ctx.keys()) == [v], ctx[v], ctx.get(v), v in ctx)
v.reset(t)
print(v.get(), ctx[v])
try:
    v.reset(t)
except RuntimeError as e:
    print('RuntimeError', clean(str(e)))
w = c.ContextVar('w')
try:
    w.get()
except LookupError as e:
    print('LookupError', clean(repr(e)))
print(w.get(5), w.get(None))
def f(x):
    w.set(x)
    return w.get()
print(ctx.run(f, 10), ctx[w], w.get(7), w in ctx, len(ctx))
print(ctx.run(lambda *a, **k: (a, k), 1, 2, k=3))
try:
    ctx.run(lambda: ctx.run(f, 1))
except RuntimeError as e:
    print('RuntimeError', clean(str(e)))
try:
    c.ContextVar(1)
except TypeError as e:
    print('TypeError', e)
try:
    c.ContextVar('a', 1)
except TypeError as e:
    print('TypeError', e)
print(c.Context().__class__, c.ContextVar[int], c.Token[str])
t2 = w.set(3)
ctx2 = c.copy_context()
try:
    ctx2.run(w.reset, t2)
except ValueError as e:
    print('ValueError', clean(str(e)))
x = c.ContextVar('x')
try:
    x.reset(t2)
except ValueError as e:
    print('ValueError', clean(str(e)))
try:
    x.reset(1)
except TypeError as e:
    print('TypeError', e)
print(hash(v) == hash(v), c.Context.__module__, c.ContextVar.__module__, c.Token.__module__)
for f in [lambda: c.Token(), lambda: ctx[c.ContextVar('z')], lambda: ctx[1], lambda: hash(ctx),
          lambda: c.Context(1), lambda: type('S', (c.ContextVar,), {})]:
    try:
        print(f())
    except (TypeError, KeyError, RuntimeError) as e:
        print(type(e).__name__, clean(str(e)))
print(ctx == ctx.copy(), ctx != c.Context(), dict(ctx.items()) == dict(ctx), sorted(ctx.values(), key=repr))
print(len(c.Context()), list(c.Context()))
empty = c.Context()
def inner():
    v.set('inner')
    return c.copy_context()[v]
print(empty.run(inner), v.get(), empty[v])
