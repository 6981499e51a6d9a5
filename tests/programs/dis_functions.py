# dis over Krait's code objects: disassembly of functions, methods and
# source, instructions, code_info, and the code attributes dis reads.
import dis

def arith(a, b=1, *args, c, **kw):
    try:
        return a + b * c - len(args)
    except (ValueError, TypeError) as e:
        print(e)
        raise
    finally:
        kw.clear()

def loops(items):
    total = 0
    for i, item in enumerate(items):
        if item is None:
            continue
        while total < 100 and not item:
            total += i
        else:
            break
    with open(items) as f, open(total):
        pass
    return total

def closures(x):
    def inner():
        return x
    return inner

class C:
    def method(self, other):
        return super().method(other) or self.attr[other:]

def matcher(value):
    match value:
        case [1, *rest]:
            return rest
        case {"k": v}:
            return v
        case str() | bytes():
            return "text"
    return f"{value!r:>10}"

dis.dis(arith)
dis.dis(loops)
dis.dis(C.method)
dis.dis(matcher)
dis.dis("x = 1; y = x.attr[2]; del x")
dis.dis(arith.__code__)
print(dis.code_info(arith))
print([l for l in dis.code_info(closures).splitlines() if "code object" not in l])
for instr in dis.get_instructions(lambda x: x + 1):
    print(instr.opname, instr.arg, instr.argrepr, instr.offset, instr.starts_line, instr.positions)
code = arith.__code__
print(code.co_posonlyargcount, code.co_kwonlyargcount, code.co_nlocals, code.co_stacksize)
print(len(code.co_code), code.co_code[:8], type(code.co_linetable), type(code.co_exceptiontable))
print(closures.__code__.co_cellvars, closures.__code__.co_consts[1].co_freevars)
print(list(code.co_lines())[:6])
print(list(code.co_positions())[:6])
print([code._varname_from_oparg(i) for i in range(code.co_nlocals)])
try:
    code._varname_from_oparg(100)
except IndexError as e:
    print("IndexError", e)
print(dis.Bytecode(loops).dis().splitlines()[:4])
print(list(dis.findlinestarts(loops.__code__)))
