"""The oracle for Krait's AST optimizer: what CPython 3.11's constant folding
makes of each case, as far as the compiled code shows it.

Usage: python3 fold_oracle.py CASES_FILE

CASES_FILE holds cases one after another, each a header line and the
source's bytes:

    expr OPTIMIZE NBYTES
    <NBYTES bytes: an expression>
    stmt OPTIMIZE NBYTES NPROBES [top]
    <NBYTES bytes: a module>
    <NPROBES lines, each a Python expression>

    file 0 NBYTES
    <NBYTES bytes: the path of a Python file>

`top` asks whether the module compiles when it is a script run by
`python3`, with nothing on the stack: that decides how deeply it may nest.

Prints one line per case, in order:

- for `expr`, the code of `x = EXPRESSION` compiled with `optimize`: its
  instructions between RESUME and the final `STORE_NAME x`, each as
  `OPNAME ARG @LINE,END_LINE,COL,END_COL`, joined by ` ; `. A folded
  expression is a single LOAD_CONST; what was not folded shows as the
  instructions that compute it. Constants are written `TYPE:REPR`, a
  frozenset's items sorted (set order is hash order).
- for `stmt`, tab-separated: `ok`, then for each probe its constant and
  whether it is among the constants of the compiled module (of any code
  object in it), then `docs` and the docstrings of all its code objects,
  sorted. Or `RecursionError` if compiling fails with it.
- for `file`, tab-separated, the constants of the compiled file (of any
  code object in it, and the items of constant tuples and frozensets),
  sorted.
- `error`, the exception's type and message if compiling fails otherwise.
"""

import dis
import inspect
import os
import subprocess
import sys
import tempfile
import types
import warnings


def canon(value):
    """A constant as `TYPE:REPR`."""
    if isinstance(value, frozenset):
        return "frozenset:{" + ", ".join(sorted(repr(x) for x in value)) + "}"
    return f"{type(value).__name__}:{value!r}"


def compile_case(source, optimize):
    # The nesting a compilation allows depends on how deep the stack is
    # when it starts; this script's depth is not the point, so it is given
    # room. Cases about that limit are checked at the top of the stack by
    # compiles_at_top().
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)
    try:
        return compile(source, "case", "exec", optimize=optimize, dont_inherit=True)
    finally:
        sys.setrecursionlimit(limit)


def compiles_at_top(source):
    """Whether `python3 FILE` gets past compiling FILE without a
    RecursionError: the compiler allows 3 * (recursion limit - depth)
    levels of nesting, and a script is compiled with nothing on the stack.
    (The case is run too; the cases that ask for this are harmless.)"""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "case.py")
        with open(path, "wb") as f:
            f.write(source)
        result = subprocess.run([sys.executable, "-I", "-S", path], capture_output=True)
    last_line = result.stderr.decode(errors="replace").strip().splitlines()[-1:]
    return not (last_line and last_line[0].startswith("RecursionError"))


def render(code):
    instructions = list(dis.get_instructions(code))
    names = [i.opname for i in instructions]
    if names[0] != "RESUME" or names[-3:] != ["STORE_NAME", "LOAD_CONST", "RETURN_VALUE"]:
        sys.exit(f"unexpected code for an assignment: {names}")
    out = []
    for i in instructions[1:-3]:
        if i.opname == "LOAD_CONST":
            arg = canon(i.argval)
        elif i.opname in ("LOAD_NAME", "LOAD_ATTR"):
            arg = i.argval
        elif i.opname in ("BINARY_OP", "COMPARE_OP"):
            arg = i.argrepr
        elif i.arg is None:
            arg = ""
        else:
            arg = str(i.arg)
        p = i.positions
        out.append(f"{i.opname} {arg} @{p.lineno},{p.end_lineno},{p.col_offset},{p.end_col_offset}")
    return " ; ".join(out)


def code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from code_objects(const)


def docstrings(code):
    """The docstrings the code objects keep: a function's is its first
    constant (None when it has none); a module or class body stores its own
    in `__doc__`."""
    docs = []
    for co in code_objects(code):
        if co.co_flags & inspect.CO_OPTIMIZED and not co.co_name.startswith("<"):
            if co.co_consts and isinstance(co.co_consts[0], str):
                docs.append(co.co_consts[0])
            continue
        instructions = list(dis.get_instructions(co))
        for load, store in zip(instructions, instructions[1:]):
            if (load.opname, store.opname, store.argval) == ("LOAD_CONST", "STORE_NAME", "__doc__"):
                docs.append(load.argval)
    return sorted(canon(d) for d in docs)


def statement_case(source, optimize, probes, top):
    if top and not compiles_at_top(source):
        raise RecursionError
    code = compile_case(source, optimize)
    constants = {
        canon(const)
        for co in code_objects(code)
        for const in co.co_consts
        if not isinstance(const, types.CodeType)
    }
    fields = ["ok"]
    for probe in probes:
        probe = canon(eval(probe))
        fields += [probe, "1" if probe in constants else "0"]
    return "\t".join(fields + ["docs"] + docstrings(code))


def file_case(path):
    with open(path, "rb") as f:
        code = compile_case(f.read(), 0)
    constants = set()

    def add(const):
        constants.add(canon(const))
        if isinstance(const, (tuple, frozenset)):
            for item in const:
                add(item)

    for co in code_objects(code):
        for const in co.co_consts:
            if not isinstance(const, types.CodeType):
                add(const)
    return "\t".join(sorted(constants))


def run_case(kind, optimize, source, probes, top):
    try:
        if kind == "file":
            return file_case(source.decode())
        if kind == "expr":
            return render(compile_case(b"x = " + source, optimize))
        return statement_case(source, optimize, probes, top)
    except RecursionError:
        return "RecursionError"
    except Exception as e:
        return f"error\t{type(e).__name__}\t{e}"


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the oracle must be CPython 3.11, not {sys.version.split()[0]}")
    warnings.simplefilter("ignore")
    sys.set_int_max_str_digits(0)
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    pos = 0
    out = []
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].decode().split()
        kind, optimize, size = header[0], int(header[1]), int(header[2])
        source = data[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
        probes = []
        for _ in range(int(header[3]) if kind == "stmt" else 0):
            end = data.index(b"\n", pos)
            probes.append(data[pos:end].decode())
            pos = end + 1
        line = run_case(kind, optimize, source, probes, header[-1] == "top")
        if "\n" in line:
            sys.exit(f"a result spans lines: {line!r}")
        out.append(line)
    sys.stdout.write("".join(line + "\n" for line in out))


main()
