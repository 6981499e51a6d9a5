"""Generate crates/unicode/src/tables.rs from CPython 3.11's own answers.

Usage: python3 tools/unicode/gen_tables.py [--check]

For every code point 0..=0x10FFFF this asks the running CPython the
questions Krait must answer identically:

    PRINTABLE       chr(c).isprintable()
    XID_START       chr(c).isidentifier()
    XID_CONTINUE    ("a" + chr(c)).isidentifier()
    ALPHA, DECIMAL, DIGIT, NUMERIC, SPACE, LOWER, UPPER
                    chr(c).isalpha() ... chr(c).isupper()
    TITLE           chr(c).istitle() and not chr(c).isupper() (category Lt)
    CASED           lower, upper or title
    CASE_IGNORABLE  found through str.lower's final-sigma rule (below)

and writes each answer set as a sorted list of inclusive (first, last) ranges.
It also writes the full case mappings (str.lower, str.upper, str.title and
str.casefold of each single character), as sorted (code point, up to three
code points) entries for the characters that change.

Case_Ignorable is not exposed by any str method, but lower() consults it to
decide whether a capital sigma ends a word: in "a" + c + "\u03a3" the sigma
is final when c is case-ignorable or cased, and in "A\u03a3" + c it is final
when c is case-ignorable or not cased; the two together give the property.
Asking the str methods, rather than re-deriving the properties from the UCD
text files, makes the tables agree with CPython by construction: they carry
its Unicode version (14.0.0 for 3.11) and its quirks, such as '_' being an
identifier start and Zs/Zl/Zp/C* (except ' ') being unprintable.

With --check, nothing is written; the script exits non-zero if tables.rs is
not exactly what it would generate (for CI).
"""

import pathlib
import sys
import unicodedata

REQUIRED_PYTHON = (3, 11)
MAX_CODE_POINT = 0x10FFFF
RANGES_PER_LINE = 4

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "crates" / "unicode" / "src" / "tables.rs"
SCRIPT = "tools/unicode/gen_tables.py"

# (Rust static name, what it answers, predicate on a one-character str)
PROPERTIES = [
    (
        "PRINTABLE",
        "Code points `c` for which `chr(c).isprintable()`.",
        str.isprintable,
    ),
    (
        "XID_START",
        "Code points `c` for which `chr(c).isidentifier()` (XID_Start plus '_').",
        str.isidentifier,
    ),
    (
        "XID_CONTINUE",
        "Code points `c` for which `(\"a\" + chr(c)).isidentifier()` (XID_Continue).",
        lambda ch: ("a" + ch).isidentifier(),
    ),
    ("ALPHA", "Code points `c` for which `chr(c).isalpha()`.", str.isalpha),
    ("DECIMAL", "Code points `c` for which `chr(c).isdecimal()`.", str.isdecimal),
    ("DIGIT", "Code points `c` for which `chr(c).isdigit()`.", str.isdigit),
    ("NUMERIC", "Code points `c` for which `chr(c).isnumeric()`.", str.isnumeric),
    ("SPACE", "Code points `c` for which `chr(c).isspace()`.", str.isspace),
    ("LOWER", "Code points `c` for which `chr(c).islower()`.", str.islower),
    ("UPPER", "Code points `c` for which `chr(c).isupper()`.", str.isupper),
    (
        "TITLE",
        "Titlecase code points (category Lt): `chr(c).istitle() and not chr(c).isupper()`.",
        lambda ch: ch.istitle() and not ch.isupper(),
    ),
    ("CASED", "Cased code points: lowercase, uppercase or titlecase.", lambda ch: is_cased(ch)),
    (
        "CASE_IGNORABLE",
        "Case-ignorable code points, as str.lower's final-sigma rule sees them.",
        lambda ch: is_case_ignorable(ch),
    ),
]

# (Rust static name, what it maps, mapping of a one-character str)
MAPPINGS = [
    ("LOWER_MAP", "str.lower", str.lower),
    ("UPPER_MAP", "str.upper", str.upper),
    ("TITLE_MAP", "str.title", str.title),
    ("FOLD_MAP", "str.casefold", str.casefold),
]
ENTRIES_PER_LINE = 3


def is_cased(ch):
    return ch.islower() or ch.isupper() or ch.istitle()


def is_case_ignorable(ch):
    if is_cased(ch):
        return ("A\u03a3" + ch).lower()[1] == "\u03c2"
    return ("a" + ch + "\u03a3").lower()[-1] == "\u03c2"


def mapping_entries(mapping):
    """(code point, mapped code points) for every character the mapping changes."""
    entries = []
    for cp in range(MAX_CODE_POINT + 1):
        mapped = mapping(chr(cp))
        if mapped != chr(cp):
            assert 1 <= len(mapped) <= 3
            entries.append((cp, [ord(m) for m in mapped]))
    return entries


def render_mapping(name, what, entries):
    lines = [
        f"/// `{what}` of each character it changes: the code point, then the",
        "/// one to three code points it becomes, padded with zeros.",
        f"/// {len(entries)} entries, sorted by code point.",
        f"pub(crate) static {name}: &[(u32, [u32; 3])] = &[",
    ]
    for i in range(0, len(entries), ENTRIES_PER_LINE):
        chunk = entries[i : i + ENTRIES_PER_LINE]
        cells = []
        for cp, mapped in chunk:
            padded = mapped + [0] * (3 - len(mapped))
            cells.append(f"(0x{cp:06X}, [{', '.join(f'0x{m:06X}' for m in padded)}]),")
        lines.append("    " + " ".join(cells))
    lines.append("];")
    return "\n".join(lines)


def ranges_where(predicate):
    """Sorted, disjoint, non-adjacent inclusive ranges of code points where predicate holds."""
    ranges = []
    start = None
    for cp in range(MAX_CODE_POINT + 1):
        if predicate(chr(cp)):
            if start is None:
                start = cp
        elif start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, MAX_CODE_POINT))
    return ranges


def render_table(name, doc, ranges):
    lines = [
        f"/// {doc}",
        f"/// {len(ranges)} inclusive ranges, sorted and disjoint.",
        f"pub(crate) static {name}: &[(u32, u32)] = &[",
    ]
    for i in range(0, len(ranges), RANGES_PER_LINE):
        chunk = ranges[i : i + RANGES_PER_LINE]
        lines.append("    " + " ".join(f"(0x{lo:06X}, 0x{hi:06X})," for lo, hi in chunk))
    lines.append("];")
    return "\n".join(lines)


def render():
    version = unicodedata.unidata_version
    # Major.minor only: a patch release of 3.11 must not make --check fail.
    python = "%d.%d" % sys.version_info[:2]
    header = f"""\
// @generated by {SCRIPT} under CPython {python} (Unicode {version}).
// DO NOT EDIT BY HAND: change the script and rerun it instead:
//     python3 {SCRIPT}
//
// Each property table lists, as inclusive ranges, the code points for which
// the named CPython str method answers True; each mapping table lists what a
// case mapping makes of the characters it changes. See the script for the
// exact questions.

/// The Unicode version of the database these tables were generated from.
pub const UNICODE_VERSION: &str = "{version}";
"""
    tables = [render_table(name, doc, ranges_where(pred)) for name, doc, pred in PROPERTIES]
    tables += [render_mapping(name, what, mapping_entries(f)) for name, what, f in MAPPINGS]
    return header + "\n" + "\n\n".join(tables) + "\n"


def main():
    if sys.version_info[:2] != REQUIRED_PYTHON:
        sys.exit(
            f"gen_tables.py must run under CPython 3.11 (Unicode 14.0), "
            f"not {sys.version.split()[0]}"
        )
    args = sys.argv[1:]
    if args not in ([], ["--check"]):
        sys.exit(__doc__.split("\n\n")[1])
    text = render()
    if args == ["--check"]:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            sys.exit(f"{OUTPUT} is stale; rerun python3 {SCRIPT}")
        return
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT} ({text.count(chr(10))} lines, {len(text.encode())} bytes)")


main()
