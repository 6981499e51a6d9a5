"""The oracle for `krait -X dump=code`: CPython 3.11's code objects, as text.

Usage: python3 code_dump.py [-O | -OO] FILE...

For each FILE, prints a line `file FILE`, then the text `krait -X dump=code`
prints for it: for the module's code object and, depth first in co_consts
order, every code object among the constants,

    code QUALNAME FIRSTLINENO
      name NAME
      args ARGCOUNT POSONLYARGCOUNT KWONLYARGCOUNT nlocals NLOCALS stacksize STACKSIZE flags 0xFLAGS
      code HEX_OF_CO_CODE
      consts C1 | C2 | ...
      names N1 N2 ...
      varnames ...
      cellvars ...
      freevars ...
      linetable HEX_OF_CO_LINETABLE
      exceptiontable HEX_OF_CO_EXCEPTIONTABLE

or, for a file that does not compile, one line
`SyntaxError ERRORTYPE:LINENO:OFFSET: MESSAGE`.
"""

import sys
import types
import warnings


def constant_text(value):
    if isinstance(value, types.CodeType):
        return f"<code {value.co_qualname}>"
    if type(value) is tuple:
        items = [constant_text(item) for item in value]
        if len(items) == 1:
            return f"({items[0]},)"
        return "(" + ", ".join(items) + ")"
    if type(value) is frozenset:
        items = sorted(constant_text(item) for item in value)
        return "frozenset({" + ", ".join(items) + "})"
    return f"{type(value).__name__}:{value!r}"


def dump_code(code, out):
    out.append(f"code {code.co_qualname} {code.co_firstlineno}")
    out.append(f"  name {code.co_name}")
    out.append(
        f"  args {code.co_argcount} {code.co_posonlyargcount} {code.co_kwonlyargcount}"
        f" nlocals {code.co_nlocals} stacksize {code.co_stacksize} flags 0x{code.co_flags:x}"
    )
    out.append(f"  code {code.co_code.hex()}")
    out.append("  consts " + " | ".join(constant_text(c) for c in code.co_consts))
    out.append("  names " + " ".join(code.co_names))
    out.append("  varnames " + " ".join(code.co_varnames))
    out.append("  cellvars " + " ".join(code.co_cellvars))
    out.append("  freevars " + " ".join(code.co_freevars))
    out.append(f"  linetable {code.co_linetable.hex()}")
    out.append(f"  exceptiontable {code.co_exceptiontable.hex()}")
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            dump_code(constant, out)


def dump(path, optimize):
    with open(path, "rb") as f:
        source = f.read()
    try:
        code = compile(source, path, "exec", dont_inherit=True, optimize=optimize)
    except SyntaxError as e:
        return [f"SyntaxError {type(e).__name__}:{e.lineno}:{e.offset}: {e.msg}"]
    except (ValueError, UnicodeError) as e:
        return [f"SyntaxError {type(e).__name__}:None:None: {e}"]
    out = []
    dump_code(code, out)
    return out


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the oracle must be CPython 3.11, not {sys.version.split()[0]}")
    warnings.simplefilter("ignore")
    args = sys.argv[1:]
    optimize = 0
    if args and args[0] in ("-O", "-OO"):
        optimize = len(args.pop(0)) - 1
    out = sys.stdout
    for path in args:
        out.write(f"file {path}\n")
        for line in dump(path, optimize):
            out.write(line + "\n")


main()
