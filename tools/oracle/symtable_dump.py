"""The oracle for Krait's symbol table: what CPython 3.11 makes of each file.

Usage: python3 symtable_dump.py [--mode exec|eval|single] FILE...
       python3 symtable_dump.py --errors FILE...

Without --errors, prints one block per FILE, in order: a line `# FILE`,
then the file's symbol table as `krait_compiler::symtable::dump` prints it,
or, for a file that fails, one line
`ERRORTYPE LINENO:OFFSET:END_LINENO:END_OFFSET:: MESSAGE`.

The table comes from the `symtable` module (`symtable.symtable(source,
FILE, mode)`): every scope depth-first in child order, each with its
symbols in the table's insertion order and their raw flags (def-use bits
and scope). The few properties the `symtable` module does not show are
read from the code objects `compile()` makes, which CPython derives from
the same table: generator, coroutine, varargs and varkeywords from a
function's `co_flags`, and the implicit `__class__` cell from a class's
`co_cellvars`. Where no code object can be matched to a scope (the file
does not compile, or the scope is dead code the compiler dropped) those
properties print as `?`.

With --errors, prints one line per FILE: `compile(source, FILE, "exec")`'s
error, in the format above, or `ok`. Every error must also be raised,
identically, by `symtable.symtable()`: that is, by the future-statement
pass or the symbol table, not by the code generator; a file whose error
is not prints `NOT-SYMTABLE` and the two errors, so that the test using it
fails with the reason.
"""

import symtable
import sys
import warnings

CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_GENERATOR = 0x20
CO_COROUTINE = 0x80
CO_ASYNC_GENERATOR = 0x200

COMPREHENSIONS = {
    "listcomp": "list",
    "setcomp": "set",
    "dictcomp": "dict",
    "genexpr": "generator",
}


def comprehension(table):
    """The kind of comprehension a scope is, or "none". Functions may be
    named `listcomp` too, but only a comprehension has the parameter `.0`."""
    name = table.get_name()
    if name in COMPREHENSIONS and table._table.varnames[:1] == [".0"]:
        return COMPREHENSIONS[name]
    return "none"


def code_name(table):
    """The name the compiler gives the code object of a scope."""
    if table.get_name() == "lambda" or comprehension(table) != "none":
        return f"<{table.get_name()}>"
    return table.get_name()


# A scope's flags with no def-use bit, only the FREE scope: the names
# update_symbols() adds for free variables passing through a scope. CPython
# adds them in the iteration order of a set of strings, which changes with
# the hash seed, so both dumps list them last, sorted.
FREE_ONLY = symtable.FREE << symtable.SCOPE_OFF


def error_line(e):
    if isinstance(e, SyntaxError):
        return f"{type(e).__name__} {e.lineno}:{e.offset}:{e.end_lineno}:{e.end_offset}:: {e.msg}"
    return f"{type(e).__name__} None:None:None:None:: {e}"


def child_codes(code):
    return [c for c in code.co_consts if hasattr(c, "co_code")]


def match_codes(table, code, found):
    """Records in `found` the code object of `table` and of each scope
    under it that can be matched with certainty."""
    # Keyed by the `_symtable` entry, which lives as long as the table:
    # the `symtable` module's wrappers are cached only weakly.
    found[id(table._table)] = code
    children = table.get_children()
    codes = child_codes(code)
    by_name = {}
    for child in children:
        by_name.setdefault(code_name(child), []).append(child)
    for name, scopes in by_name.items():
        candidates = [c for c in codes if c.co_name == name]
        if len(candidates) != len(scopes):
            continue
        # The compiler and the symbol table visit some parts of the source
        # in different orders (decorators, the outermost iterable of a
        # comprehension), but both keep source order by line. Scopes
        # starting on the same line are matched only if their code objects,
        # and all the code objects inside them, are alike in everything the
        # dump shows, so that any matching shows the same.
        scopes = sorted(scopes, key=lambda t: t.get_lineno())
        candidates = sorted(candidates, key=lambda c: c.co_firstlineno)
        start = 0
        while start < len(scopes):
            end = start + 1
            line = scopes[start].get_lineno()
            while end < len(scopes) and scopes[end].get_lineno() == line:
                end += 1
            group = candidates[start:end]
            if end - start == 1 or all(
                signature(c) == signature(group[0]) for c in group
            ):
                for scope, c in zip(scopes[start:end], group):
                    match_codes(scope, c, found)
            start = end


def signature(code):
    """What the dump shows of a code object and those inside it."""
    return (
        code.co_name,
        code.co_flags,
        code.co_cellvars,
        tuple(signature(c) for c in child_codes(code)),
    )


def properties(code, table):
    kind = table.get_type()
    if kind == "function":
        flags = code.co_flags if code is not None else None

        def bit(mask):
            return "?" if flags is None else str(int(bool(flags & mask)))

        return (
            f" generator={bit(CO_GENERATOR | CO_ASYNC_GENERATOR)}"
            f" coroutine={bit(CO_COROUTINE | CO_ASYNC_GENERATOR)}"
            f" varargs={bit(CO_VARARGS)} varkeywords={bit(CO_VARKEYWORDS)}"
        )
    if kind == "class":
        closure = "?" if code is None else str(int("__class__" in code.co_cellvars))
        return f" needs_class_closure={closure}"
    return ""


def dump_scope(table, codes, out, depth):
    indent = "  " * depth
    kind = table.get_type()
    name = table.get_name()
    header = (
        f"{indent}{kind} {name} lineno={table.get_lineno()}"
        f" nested={int(table.is_nested())} optimized={int(table.is_optimized())}"
    )
    if kind == "function":
        header += f" comprehension={comprehension(table)}"
    header += properties(codes.get(id(table._table)), table)
    out.append(header)
    if kind == "function":
        out.append(f"{indent}  varnames:" + "".join(" " + v for v in table._table.varnames))
    symbols = table._table.symbols
    first_pass = [(n, f) for n, f in symbols.items() if f != FREE_ONLY]
    free_only = sorted(n for n, f in symbols.items() if f == FREE_ONLY)
    for n, f in first_pass:
        out.append(f"{indent}  symbol {n} {f}")
    for n in free_only:
        out.append(f"{indent}  symbol {n} {FREE_ONLY}")
    for child in table.get_children():
        dump_scope(child, codes, out, depth + 1)


def dump(path, mode):
    with open(path, "rb") as f:
        source = f.read()
    try:
        table = symtable.symtable(source, path, mode)
    except (SyntaxError, ValueError, UnicodeError, RecursionError, MemoryError) as e:
        return [error_line(e)]
    codes = {}
    try:
        code = compile(source, path, mode)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    else:
        match_codes(table, code, codes)
    out = []
    dump_scope(table, codes, out, 0)
    return out


def compile_error(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        compile(source, path, "exec")
    except (SyntaxError, ValueError, UnicodeError, RecursionError, MemoryError) as e:
        line = error_line(e)
    else:
        return "ok"
    try:
        symtable.symtable(source, path, "exec")
    except (SyntaxError, ValueError, UnicodeError, RecursionError, MemoryError) as e:
        if error_line(e) == line:
            return line
        return f"NOT-SYMTABLE compile: {line} symtable: {error_line(e)}"
    return f"NOT-SYMTABLE compile: {line} symtable: ok"


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the oracle must be CPython 3.11, not {sys.version.split()[0]}")
    warnings.simplefilter("ignore")
    args = sys.argv[1:]
    mode = "exec"
    if args[:1] == ["--errors"]:
        for path in args[1:]:
            print(compile_error(path))
        return
    if args[:1] == ["--mode"]:
        mode = args[1]
        args = args[2:]
    out = sys.stdout
    for path in args:
        out.write(f"# {path}\n")
        for line in dump(path, mode):
            out.write(line + "\n")


main()
