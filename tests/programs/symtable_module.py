# Lib/symtable.py over _symtable: scopes, their symbols and flags, errors.
import symtable
src = '''
import os
x = 1
def f(a, b=2, *args, c, **kw):
    global x
    y = a + x
    def g():
        nonlocal y
        y += 1
        return y + z
    return g
class C:
    attr: int = 3
    def m(self):
        return super().m(__class__)
    __p = 1
lam = lambda q: q
comp = [i for i in range(3)]
'''
t = symtable.symtable(src, "mod.py", "exec")
def show(t, depth=0):
    pad = '  ' * depth
    print(pad, t.get_type(), t.get_name(), t.get_lineno(), t.is_optimized(), t.is_nested(), t.has_children())
    for s in sorted(t.get_symbols(), key=lambda s: s.get_name()):
        print(pad, ' ', s.get_name(), s.is_referenced(), s.is_imported(), s.is_parameter(), s.is_global(), s.is_declared_global(), s.is_local(), s.is_annotated(), s.is_free(), s.is_assigned(), s.is_namespace(), s.is_nonlocal())
    if isinstance(t, symtable.Function):
        print(pad, ' params', t.get_parameters(), 'locals', t.get_locals(), 'globals', t.get_globals(), 'nonlocals', t.get_nonlocals(), 'frees', t.get_frees())
    if isinstance(t, symtable.Class):
        print(pad, ' methods', t.get_methods())
    for c in t.get_children():
        show(c, depth + 1)
show(t)
print(sorted(t.get_identifiers()))
print(t.lookup('f').get_namespace().get_name())
e = symtable.symtable("a + b", "e", "eval"); show(e)
try: symtable.symtable("def f(:", "bad.py", "exec")
except SyntaxError as err: print(err)
try: symtable.symtable("x", "bad.py", "nope")
except ValueError as err: print(err)
try: symtable.symtable(5, "bad.py", "exec")
except TypeError as err: print(err)
try: symtable.symtable("def f():\n  nonlocal q\n", "bad.py", "exec")
except SyntaxError as err: print(err, err.lineno)
print(repr(t).split('(')[0], type(t._table).__name__)
