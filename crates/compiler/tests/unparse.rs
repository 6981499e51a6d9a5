//! Annotations are written back as CPython 3.11 writes them.
//!
//! Under `from __future__ import annotations` CPython stores each
//! annotation as the text Python/ast_unparse.c makes of its (unfolded)
//! tree, and `__annotations__` shows it. For every case, CPython runs
//! `from __future__ import annotations` then `x: CASE` and gives
//! `__annotations__['x']`; Krait parses the same source and unparses the
//! annotation with [`expr_as_unicode`]. The texts must be equal.
//!
//! The cases:
//! - `unparse_cases.txt`: hand-written expressions of every kind, one a
//!   line (`#` comments and blank lines skipped), each a valid annotation.
//!   The expressions CPython refuses in an annotation (`yield`, `await`,
//!   `:=`) are there inside a `lambda`, whose body is checked but not
//!   refused, and which unparses its body at the same level as a whole
//!   annotation.
//! - a precedence grid: every operator and expression kind from
//!   [`INNER`], bracketed, in every operand position of every form of
//!   [`OUTER`], so that each decision to keep or drop brackets is checked
//!   against CPython's.
//!
//! A case CPython refuses is reported as a difference: the corpus must
//! hold only annotations CPython accepts.

#[path = "../../parser/tests/common/mod.rs"]
mod common;

use krait_compiler::unparse::expr_as_unicode;
use krait_parser::ast::{Mod, StmtKind};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Expressions put, in brackets, into the holes of [`OUTER`]: one of each
/// precedence level and expression kind, atoms included.
const INNER: &[&str] = &[
    "a or b",
    "a and b",
    "not a",
    "a < b",
    "a < b <= c",
    "a is not b",
    "a not in b",
    "a | b",
    "a ^ b",
    "a & b",
    "a << b",
    "a >> b",
    "a + b",
    "a - b",
    "a * b",
    "a @ b",
    "a / b",
    "a // b",
    "a % b",
    "-a",
    "+a",
    "~a",
    "a ** b",
    "await a",
    "a if b else c",
    "lambda: a",
    "lambda x, *y: x",
    "y := a",
    "yield",
    "yield a",
    "yield from a",
    "a, b",
    "a,",
    "",
    "a.b",
    "a[b]",
    "a[b:c]",
    "a()",
    "[a]",
    "{a}",
    "{a: b}",
    "a for a in b",
    "[a for a in b]",
    "1",
    "1.5",
    "1e309",
    "1j",
    "'s'",
    "...",
    "True",
    "None",
    "f'{a}'",
];

/// Forms with a hole, `H`, for each expression of [`INNER`] in brackets.
const OUTER: &[&str] = &[
    "H",
    "H or z",
    "z or H",
    "H and z",
    "z and H",
    "not H",
    "H < z",
    "z < H",
    "z < H < w",
    "z in H",
    "H | z",
    "z | H",
    "H ^ z",
    "z ^ H",
    "H & z",
    "z & H",
    "H << z",
    "z >> H",
    "H + z",
    "z + H",
    "H - z",
    "z - H",
    "H * z",
    "z * H",
    "H @ z",
    "z / H",
    "H // z",
    "z % H",
    "-H",
    "+H",
    "~H",
    "H ** z",
    "z ** H",
    "await H",
    "H if c else z",
    "c if H else z",
    "c if z else H",
    "lambda: H",
    "lambda x=H: x",
    "lambda *, k=H: k",
    "H.attr",
    "H[i]",
    "z[H]",
    "z[H, w]",
    "z[H:w]",
    "z[w::H]",
    "H()",
    "f(H)",
    "f(H, w)",
    "f(k=H)",
    "f(*H)",
    "f(**H)",
    "[H]",
    "[*H]",
    "{H}",
    "{H: z}",
    "{z: H}",
    "{**H}",
    "(H, z)",
    "(H,)",
    "(*H, z)",
    "[H for x in y]",
    "[x for x in H]",
    "[x for x in y if H]",
    "{H: v for k in y}",
    "{H for x in y}",
    "f\"{H}\"",
    "f\"{H!r:>{w}}\"",
    "f\"{z:{H}}\"",
    "(y := H)",
    "(yield H)",
    "(yield from H)",
];

/// One expression to write as an annotation.
struct Case {
    expression: String,
    /// Where it comes from, for the report.
    origin: String,
}

/// The expressions of `unparse_cases.txt`.
fn corpus_cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/unparse_cases.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(number, line)| Case {
            expression: line.to_string(),
            origin: format!("unparse_cases.txt:{}", number + 1),
        })
        .collect()
}

/// The precedence grid: each of [`INNER`] in each hole of [`OUTER`].
fn grid_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for outer in OUTER {
        for inner in INNER {
            if !fits(outer, inner) {
                continue;
            }
            let mut expression = outer.replace('H', &format!("({inner})"));
            // Outside a function, CPython refuses these in an annotation;
            // a lambda's body is written at the annotation's own level.
            if ["yield", "await", ":="]
                .iter()
                .any(|w| expression.contains(w))
            {
                expression = format!("lambda: {expression}");
            }
            cases.push(Case {
                expression,
                origin: format!("grid: {outer} with H = ({inner})"),
            });
        }
    }
    cases
}

/// Whether CPython accepts `inner` in the hole of `outer`: a yield may
/// not be in a comprehension, nor an assignment expression in a
/// comprehension's iterable; in a double-quoted f-string's replacement
/// field (the only f-strings of [`OUTER`]) no double quote may appear.
fn fits(outer: &str, inner: &str) -> bool {
    let in_comprehension = outer.contains(" for ");
    let yields = inner.starts_with("yield") || outer.contains("yield");
    let refused = (in_comprehension && yields)
        || (outer == "[x for x in H]" && inner.contains(":="))
        || (outer.starts_with("f\"") && inner.contains('"'));
    !refused
}

/// CPython's annotation text for each case, `ok\tTEXT`, or `error\tMESSAGE`
/// when it refuses the case.
fn cpython_annotations(cases: &[Case], what: &str) -> Vec<String> {
    const ORACLE: &str = r#"
import sys
with open(sys.argv[1], encoding="utf-8") as f:
    cases = f.read().split("\n")[:-1]
lines = []
for case in cases:
    source = "from __future__ import annotations\nx: " + case + "\n"
    namespace = {}
    try:
        exec(compile(source, "<case>", "exec", dont_inherit=True), namespace)
    except SyntaxError as e:
        lines.append("error\t%s: %s" % (type(e).__name__, e.msg))
        continue
    text = namespace["__annotations__"]["x"]
    assert "\n" not in text, text
    lines.append("ok\t" + text)
sys.stdout.buffer.write("".join(l + "\n" for l in lines).encode("utf-8", "surrogatepass"))
"#;
    let mut input = String::new();
    for case in cases {
        assert!(
            !case.expression.contains('\n'),
            "{}: a case is one line",
            case.origin
        );
        input.push_str(&case.expression);
        input.push('\n');
    }
    // One file per test, as the tests run at the same time.
    let path = std::env::temp_dir().join(format!(
        "krait-unparse-{}-{}",
        what.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        std::process::id()
    ));
    std::fs::write(&path, input).expect("write the oracle's input");
    let output = Command::new(common::python())
        .args(["-c", ORACLE])
        .arg(&path)
        .output()
        .expect("run the oracle");
    std::fs::remove_file(&path).ok();
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<String> = String::from_utf8(output.stdout)
        .expect("the oracle prints UTF-8")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        results.len(),
        cases.len(),
        "the oracle prints one line per case"
    );
    results
}

/// Krait's annotation text for a case, in the oracle's format.
fn krait_annotation(case: &Case) -> String {
    let source = format!(
        "from __future__ import annotations\nx: {}\n",
        case.expression
    );
    let module = match krait_parser::parse_module(source.as_bytes()) {
        Ok(module) => module,
        Err(e) => return format!("error\tKrait's parser: {}: {}", e.kind.name(), e.msg),
    };
    let Mod::Module { body, .. } = &module else {
        return "error\tnot a module".into();
    };
    match body.get(1).map(|stmt| &stmt.kind) {
        Some(StmtKind::AnnAssign { annotation, .. }) => {
            format!("ok\t{}", expr_as_unicode(annotation))
        }
        _ => "error\tno annotated assignment".into(),
    }
}

fn compare_with_cpython(cases: &[Case], what: &str) {
    let expected = cpython_annotations(cases, what);
    let got: Vec<String> = cases.iter().map(krait_annotation).collect();
    let names: Vec<PathBuf> = cases
        .iter()
        .map(|case| PathBuf::from(format!("{}: x: {}", case.origin, case.expression)))
        .collect();
    // A case CPython refuses is a fault of the corpus, even if Krait's
    // parser refuses it the same way.
    common::assert_no_differences(&names, &expected, &got, what, |expected, got| {
        (expected != got || !expected.starts_with("ok\t"))
            .then(|| format!("  cpython: {expected}\n  krait:   {got}"))
    });
}

#[test]
fn corpus_is_written_as_cpython_writes_it() {
    let cases = corpus_cases();
    assert!(
        cases.len() >= 300,
        "the corpus holds at least 300 expressions; found {}",
        cases.len()
    );
    compare_with_cpython(&cases, "unparse_cases.txt");
}

#[test]
fn precedence_grid_is_written_as_cpython_writes_it() {
    compare_with_cpython(&grid_cases(), "precedence grid");
}
