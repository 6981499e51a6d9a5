"""The oracle for `krait -X dump=ast`: what CPython 3.11 prints for each file.

Usage: python3 ast_dump.py FILE...

Prints one line per FILE, in order: the file's
`ast.dump(ast.parse(source, FILE), include_attributes=True)`, or, for a file
that does not parse, `ERRORTYPE LINENO:OFFSET:END_LINENO:END_OFFSET:: MESSAGE`.
Both forms are single lines, so line N of the output belongs to FILE N.
"""

import ast
import sys
import warnings


def dump(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        tree = ast.parse(source, path)
    except SyntaxError as e:
        return f"{type(e).__name__} {e.lineno}:{e.offset}:{e.end_lineno}:{e.end_offset}:: {e.msg}"
    except (ValueError, UnicodeError) as e:
        return f"{type(e).__name__} None:None:None:None:: {e}"
    return ast.dump(tree, include_attributes=True)


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the oracle must be CPython 3.11, not {sys.version.split()[0]}")
    warnings.simplefilter("ignore")
    out = sys.stdout
    for path in sys.argv[1:]:
        line = dump(path)
        if "\n" in line:
            sys.exit(f"{path}: the dump spans lines; the one-line framing breaks")
        out.write(line + "\n")


main()
