"""Writes the `_sre.compile` arguments of the re_*.py test programs.

Usage: python3 tools/oracle/sre_code.py tests/programs/re_*.py

The programs test Krait's `_sre` without the `re` package, whose import
needs more of the interpreter: each calls a helper `compile(PATTERN,
FLAGS)` that passes `_sre.compile` the arguments CPython 3.11's
Lib/re/_compiler.py makes for that pattern, looked up in a table `CODE`.
This script finds every `compile(...)` call whose pattern is made of
literals and whose flags are written with the names I L M S U X A T,
asks CPython's compiler
for the arguments, and rewrites the table between the lines
`# BEGIN CODE` and `# END CODE`. The code is deterministic, so the
table is the same on every run (on a little-endian machine). Files
without the markers are left alone.
"""

import ast
import sys
from re import _compiler, _parser

FLAGS = {"T": 1, "I": 2, "L": 4, "M": 8, "S": 16, "U": 32, "X": 64, "A": 256}
DEBUG = 128
BEGIN = "# BEGIN CODE"
END = "# END CODE"


def sre_arguments(pattern, flags):
    """What `re._compiler.compile` passes to `_sre.compile`."""
    quiet = flags & ~DEBUG  # DEBUG only makes the parser print the tree
    parsed = _parser.parse(pattern, quiet)
    code = _compiler._code(parsed, quiet)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        pattern,
        flags | parsed.state.flags,
        [int(word) for word in code],
        parsed.state.groups - 1,
        dict(groupindex),
        tuple(indexgroup),
    )


def evaluate(node, names):
    """The value of an expression of literals and the given names."""
    return eval(compile(ast.Expression(node), "", "eval"), dict(names))


def compile_calls(source):
    """The (pattern, flags) of every `compile(...)` call whose pattern is
    an expression of literals, such as `"(" * 100 + "a" + ")" * 100`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        is_call = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "compile"
            and node.args
        )
        if not is_call:
            continue
        try:
            pattern = evaluate(node.args[0], {})
        except NameError:
            continue
        flags = evaluate(node.args[1], FLAGS) if len(node.args) > 1 else 0
        if (pattern, flags) not in found:
            found.append((pattern, flags))
    return found


def rewrite(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    if BEGIN not in source:
        return
    head, rest = source.split(BEGIN + "\n", 1)
    _, tail = rest.split(END + "\n", 1)
    lines = ["CODE = {"]
    for pattern, flags in compile_calls(source):
        lines.append(f"    {(pattern, flags)!r}: {sre_arguments(pattern, flags)!r},")
    lines.append("}")
    table = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + BEGIN + "\n" + table + END + "\n" + tail)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        rewrite(path)
