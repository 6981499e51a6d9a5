//! The program corpus: every `.py` file of `tests/programs/` is run with
//! Krait and with CPython 3.11, side by side, and must give the same
//! stdout, stderr and exit status.
//!
//! Both run in `tests/programs/` with the file's bare name, so paths in
//! tracebacks agree, and with `PYTHONHASHSEED=0`, so the order of sets of
//! strings does too. `KRAIT_PROGRAMS=substring` runs only the files whose
//! name contains it.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programs")
}

fn run(program: &str, file: &str) -> Output {
    Command::new(program)
        .arg(file)
        .current_dir(corpus())
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONPATH")
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"))
}

#[test]
fn programs_behave_as_under_cpython() {
    support::check_cpython();
    let filter = std::env::var("KRAIT_PROGRAMS").unwrap_or_default();
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .expect("tests/programs exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".py") && name.contains(&filter))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no programs matched {filter:?}");
    let mut failures = Vec::new();
    for file in &files {
        let expected = run("python3", file);
        let actual = run(env!("CARGO_BIN_EXE_krait"), file);
        let mut differences = Vec::new();
        if actual.status.code() != expected.status.code() {
            differences.push(format!(
                "exit status {:?}, CPython {:?}",
                actual.status.code(),
                expected.status.code()
            ));
        }
        for (what, a, e) in [
            ("stdout", &actual.stdout, &expected.stdout),
            ("stderr", &actual.stderr, &expected.stderr),
        ] {
            if a != e {
                let a = String::from_utf8_lossy(a);
                let e = String::from_utf8_lossy(e);
                let line = a
                    .lines()
                    .zip(e.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.lines().count().min(e.lines().count()));
                differences.push(format!(
                    "{what} differs at line {}:\n    krait:   {:?}\n    CPython: {:?}",
                    line + 1,
                    a.lines().nth(line).unwrap_or("<end>"),
                    e.lines().nth(line).unwrap_or("<end>")
                ));
            }
        }
        if !differences.is_empty() {
            failures.push(format!("{file}:\n  {}", differences.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from CPython:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    println!("{} programs behave as under CPython", files.len());
}
