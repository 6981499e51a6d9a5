//! The code generator's compile-time errors and SyntaxWarnings against
//! CPython 3.11's (Python/compile.c): every snippet of tests/codegen_errors/
//! must fail in Krait exactly as in CPython, with the same exception type,
//! message, line, column, end line and end column.
//!
//! A snippet is a program that CPython parses and analyses (parser, future
//! statements, symbol table) but whose code generation fails: a
//! `compiler_error` ("'break' outside loop", "keyword argument repeated:
//! x", ...) or a `compiler_warn` (`"is" with a literal. Did you mean
//! "=="?`, ...) turned into an error, as `python3 -W error` turns it. The
//! errors of the earlier stages have their own corpora (the front end's,
//! and tests/symtable_errors/); this test fails on a snippet that is not a
//! code generator's error, in CPython or in Krait, so that the corpus
//! keeps testing the code generator.

// The shared helpers serve several tests; this one uses part of them.
#[allow(dead_code, unused_imports)]
mod common_symtable;

use std::path::Path;
use std::process::{Command, Stdio};

use common_symtable as common;
use krait_compiler::{compile_with_warnings, WarningAction};

/// CPython's verdict on each file named on its command line, one line per
/// file: the SyntaxError `compile()` raises with every warning an error,
/// as `ERRORTYPE LINENO:OFFSET:END_LINENO:END_OFFSET:: MESSAGE` (the
/// format of Krait's `SyntaxError::dump_line`); or, for a file that is not
/// a code generator's error, `NOT-CODEGEN` and why. The parser and the
/// symbol table run alone (`ast.parse()`, `symtable.symtable()`) to tell
/// which stage an error comes from: the code generator's is the one
/// neither raises.
const ORACLE: &str = r#"
import ast, symtable, sys, warnings

def error_line(e):
    return f"{type(e).__name__} {e.lineno}:{e.offset}:{e.end_lineno}:{e.end_offset}:: {e.msg}"

def verdict(path):
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            ast.parse(source, path)
        except SyntaxError as e:
            return "NOT-CODEGEN the parser raises " + error_line(e)
        try:
            symtable.symtable(source, path, "exec")
        except SyntaxError as e:
            return "NOT-CODEGEN the symbol table raises " + error_line(e)
        try:
            compile(source, path, "exec", dont_inherit=True)
        except SyntaxError as e:
            return error_line(e)
    return "NOT-CODEGEN CPython compiles it"

for path in sys.argv[1:]:
    print(verdict(path))
"#;

#[test]
fn every_snippet_fails_in_code_generation_as_in_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/codegen_errors");
    let files = common::python_files(&dir);
    assert!(
        files.len() >= 150,
        "the corpus holds at least 150 snippets, found {}",
        files.len()
    );
    let oracle = Command::new(common::python())
        .args(["-c", ORACLE])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run CPython");
    let got = common::on_threads(&files, |file| krait_verdict(file));
    let expected = oracle_lines(oracle, files.len());

    let not_codegen: Vec<String> = files
        .iter()
        .zip(&expected)
        .filter(|(_, line)| line.starts_with("NOT-CODEGEN"))
        .map(|(file, line)| format!("{}: {line}", file.display()))
        .collect();
    assert!(
        not_codegen.is_empty(),
        "{} snippets are not errors of CPython's code generator; fix the corpus:\n{}",
        not_codegen.len(),
        not_codegen.join("\n")
    );
    common::assert_no_differences(
        &files,
        &expected,
        &got,
        "code generator errors",
        |expected, got| {
            (expected != got).then(|| format!("  expected: {expected}\n  krait:    {got}"))
        },
    );
}

/// Krait's verdict on a snippet, in the oracle's format: the SyntaxError
/// of `compile_with_warnings` with every warning an error, or what else
/// happened. An error of the parser or of the symbol table is marked with
/// its stage, so that it differs from CPython's line even when the message
/// and location agree: the code generator must be the one to raise it.
fn krait_verdict(file: &Path) -> String {
    let source = std::fs::read(file).expect("read a snippet");
    let module = match krait_parser::parse_module(&source) {
        Ok(module) => module,
        Err(e) => return format!("{} (raised by Krait's parser)", e.dump_line()),
    };
    if let Err(e) = common::symbol_table(&module) {
        return format!("{} (raised by Krait's symbol table)", e.dump_line());
    }
    let filename = file.to_string_lossy();
    match compile_with_warnings(&source, &filename, 0, &mut |_| WarningAction::Error) {
        Ok(_) => "Krait compiles it".to_string(),
        Err(e) => e.dump_line(),
    }
}

/// The oracle's lines, one per file.
fn oracle_lines(oracle: std::process::Child, count: usize) -> Vec<String> {
    let output = oracle.wait_with_output().expect("run CPython");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = String::from_utf8(output.stdout)
        .expect("the oracle prints UTF-8")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), count, "the oracle prints a line per file");
    lines
}
