//! What the symbol table's tests share: finding CPython 3.11 (the oracle),
//! asking it for dumps (tools/oracle/symtable_dump.py), making Krait's,
//! and comparing the two.

pub mod random_programs;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use krait_compiler::future::parse_future;
use krait_compiler::symtable;
use krait_parser::ast::{Mod, StmtKind};
use krait_parser::SyntaxError;

// Finding CPython and Lib's files is the front end's tests' business too.
#[path = "../../../parser/tests/common/mod.rs"]
mod parser_common;
pub use parser_common::{assert_no_differences, cpython_lib, python, python_files};

/// Starts the oracle on `files` with the given leading arguments
/// (`--mode eval`, `--errors`), so that it runs while Krait works.
pub fn start_oracle(args: &[&str], files: &[PathBuf]) -> Child {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/symtable_dump.py");
    Command::new(python())
        .arg(script)
        .args(args)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the oracle")
}

fn oracle_output(oracle: Child) -> String {
    let output = oracle.wait_with_output().expect("run the oracle");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the oracle prints UTF-8")
}

/// The oracle's dumps, one per file: the lines after each `# FILE` line.
pub fn oracle_dumps(oracle: Child, files: &[PathBuf]) -> Vec<String> {
    let text = oracle_output(oracle);
    let mut dumps: Vec<String> = Vec::with_capacity(files.len());
    for line in text.lines() {
        if line.starts_with("# ") {
            dumps.push(String::new());
        } else {
            let dump = dumps
                .last_mut()
                .expect("the oracle starts with a `# FILE` line");
            dump.push_str(line);
            dump.push('\n');
        }
    }
    assert_eq!(
        dumps.len(),
        files.len(),
        "the oracle prints a block per file"
    );
    dumps
}

/// The oracle's lines, one per file (`--errors`).
pub fn oracle_lines(oracle: Child, files: &[PathBuf]) -> Vec<String> {
    let text = oracle_output(oracle);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(
        lines.len(),
        files.len(),
        "the oracle prints a line per file"
    );
    lines
}

/// Krait's symbol table of a module: the future statements, then the
/// table (what `compile()` does before generating code, less constant
/// folding, which changes no scope).
pub fn symbol_table(module: &Mod) -> Result<symtable::SymbolTable, SyntaxError> {
    let future = parse_future(module)?;
    symtable::build(module, &future)
}

/// What the oracle prints for a source file: the dump, or the error line.
pub fn krait_dump(source: &[u8]) -> String {
    match krait_parser::parse_module(source).and_then(|module| symbol_table(&module)) {
        Ok(table) => symtable::dump(&table),
        Err(error) => error.dump_line() + "\n",
    }
}

/// The module of `source` in another compile mode: `eval` makes an
/// Expression of a module holding one expression statement, `single` an
/// Interactive of its statements, as CPython's parser would.
pub fn in_mode(module: Mod, mode: &str) -> Mod {
    let Mod::Module { mut body, .. } = module else {
        panic!("the parser makes modules");
    };
    match mode {
        "exec" => Mod::Module {
            body,
            type_ignores: Vec::new(),
        },
        "single" => Mod::Interactive { body },
        "eval" => match body.pop().map(|stmt| stmt.kind) {
            Some(StmtKind::Expr { value }) if body.is_empty() => Mod::Expression { body: value },
            _ => panic!("eval mode needs source that is one expression"),
        },
        _ => panic!("unknown mode {mode}"),
    }
}

/// Runs `work` on every item, on as many threads as there are cores,
/// each with room for deeply nested source, keeping the order.
pub fn on_threads<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk_size = items.len().div_ceil(workers).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk_size)
            .map(|chunk| {
                std::thread::Builder::new()
                    .stack_size(256 << 20)
                    .spawn_scoped(scope, move || chunk.iter().map(work).collect::<Vec<_>>())
                    .expect("spawn a thread")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("Krait does not panic"))
            .collect()
    })
}

/// Whether a line of Krait's dump is the oracle's line. The oracle writes
/// `name=?` for a property it could not learn (see the script); any
/// value matches it.
fn line_matches(expected: &str, got: &str) -> bool {
    if !expected.contains("=?") {
        return expected == got;
    }
    let expected: Vec<&str> = expected.split(' ').collect();
    let got: Vec<&str> = got.split(' ').collect();
    expected.len() == got.len()
        && expected
            .iter()
            .zip(&got)
            .all(|(e, g)| match e.strip_suffix('?') {
                Some(name) if name.ends_with('=') => g.starts_with(name),
                _ => e == g,
            })
}

/// The first line where two dumps differ, `None` if they match.
pub fn difference(expected: &str, got: &str) -> Option<String> {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    for i in 0..expected_lines.len().max(got_lines.len()) {
        let e = expected_lines.get(i).copied();
        let g = got_lines.get(i).copied();
        let same = match (e, g) {
            (Some(e), Some(g)) => line_matches(e, g),
            _ => false,
        };
        if !same {
            let context = expected_lines[..i.min(expected_lines.len())]
                .iter()
                .rev()
                .find(|line| !line.trim_start().starts_with("symbol "))
                .unwrap_or(&"");
            return Some(format!(
                "  line {}, in `{}`\n  expected: {}\n  krait:    {}",
                i + 1,
                context.trim(),
                e.unwrap_or("(nothing)"),
                g.unwrap_or("(nothing)")
            ));
        }
    }
    None
}

/// Compares Krait's dumps with the oracle's; panics listing differences.
pub fn assert_same_dumps(files: &[PathBuf], expected: &[String], got: &[String], what: &str) {
    assert_no_differences(files, expected, got, what, difference);
}
