//! CPython's standard library under Krait: which of Lib's modules import,
//! and which tests of CPython's own test suite (Lib/test, unmodified) pass.
//!
//! Both are ratchets. `tests/stdlib/importable.txt` lists the top-level
//! modules of Lib known to import under Krait, and `tests/stdlib/passes/`
//! the tests of each module of `tests/stdlib/modules.txt` known to pass;
//! a test fails when one of those no longer does, and reports what newly
//! does so the lists can grow (`KRAIT_RECORD=1` rewrites them).
//! `tests/stdlib/report.py` prints the same counts next to CPython's.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

fn stdlib_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/stdlib")
}

fn read_list(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn write_list(path: &Path, header: &str, items: &BTreeSet<String>) {
    let mut text = format!("# {header}\n");
    for item in items {
        text.push_str(item);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn recording() -> bool {
    std::env::var_os("KRAIT_RECORD").is_some()
}

/// Runs `job` on each item with two workers (the machine's cores), and
/// returns the items it accepted.
fn parallel_filter(items: Vec<String>, job: impl Fn(&str) -> bool + Sync) -> BTreeSet<String> {
    let queue = Mutex::new(items);
    let accepted = Mutex::new(BTreeSet::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let Some(item) = queue.lock().unwrap().pop() else {
                    break;
                };
                if job(&item) {
                    accepted.lock().unwrap().insert(item);
                }
            });
        }
    });
    accepted.into_inner().unwrap()
}

/// The top-level modules and packages of Lib, by name.
fn lib_modules(lib: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(lib)
        .expect("CPython's Lib is readable")
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if let Some(stem) = name.strip_suffix(".py") {
                Some(stem.to_string())
            } else if path.join("__init__.py").is_file() {
                Some(name)
            } else {
                None
            }
        })
        .collect();
    names.sort();
    names
}

/// Whether `import NAME` succeeds with `program`, run in an empty
/// directory so that nothing there shadows Lib. `antigravity` opens a web
/// browser: BROWSER makes that `true`.
fn imports(program: &str, name: &str, cwd: &Path) -> bool {
    support::output_with_limit(
        Command::new(program)
            .args(["-c", &format!("import {name}")])
            .current_dir(cwd)
            .env("BROWSER", "true")
            .env_remove("PYTHONPATH"),
        Duration::from_secs(30),
    )
    .is_some_and(|output| output.status.success())
}

#[test]
fn lib_modules_import_as_under_cpython() {
    let lib = support::cpython_lib();
    let cwd = std::env::temp_dir().join(format!("krait-imports-{}", std::process::id()));
    std::fs::create_dir_all(&cwd).expect("make a scratch directory");
    let all = lib_modules(&lib);
    let cpython = parallel_filter(all.clone(), |name| imports("python3", name, &cwd));
    let krait = parallel_filter(cpython.iter().cloned().collect(), |name| {
        imports(env!("CARGO_BIN_EXE_krait"), name, &cwd)
    });
    let _ = std::fs::remove_dir_all(&cwd);
    let record = stdlib_dir().join("importable.txt");
    let recorded = read_list(&record);
    println!(
        "Krait imports {} of the {} top-level modules of Lib that CPython imports ({} in Lib)",
        krait.len(),
        cpython.len(),
        all.len()
    );
    let lost: Vec<_> = recorded.difference(&krait).collect();
    let gained: Vec<_> = krait.difference(&recorded).collect();
    if !gained.is_empty() {
        println!("newly importable: {gained:?}");
    }
    if recording() {
        write_list(
            &record,
            "Top-level modules of CPython's Lib that import under Krait (KRAIT_RECORD=1 rewrites).",
            &krait,
        );
    } else {
        assert!(lost.is_empty(), "these modules no longer import: {lost:?}");
    }
}

/// The outcome of each test of CPython's test module `name` under
/// `program`: (outcome, test id) pairs; empty if it did not get to run.
fn run_test_module(program: &str, name: &str) -> Vec<(String, String)> {
    let results = std::env::temp_dir().join(format!("krait-{name}-{}.txt", std::process::id()));
    let _ = std::fs::remove_file(&results);
    support::output_with_limit(
        Command::new(program)
            .arg(stdlib_dir().join("unittest_driver.py"))
            .arg(name)
            .arg(&results)
            .current_dir(std::env::temp_dir())
            .env_remove("PYTHONPATH"),
        Duration::from_secs(300),
    );
    let text = std::fs::read_to_string(&results).unwrap_or_default();
    let _ = std::fs::remove_file(&results);
    text.lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(outcome, id)| (outcome.to_string(), id.to_string()))
        .collect()
}

#[test]
fn lib_test_modules_keep_their_recorded_passes() {
    support::check_cpython();
    let modules: Vec<String> = read_list(&stdlib_dir().join("modules.txt"))
        .into_iter()
        .collect();
    let report = Mutex::new(Vec::new());
    let failing = parallel_filter(modules, |name| {
        let outcomes = run_test_module(env!("CARGO_BIN_EXE_krait"), name);
        let passed: BTreeSet<String> = outcomes
            .iter()
            .filter(|(outcome, _)| outcome == "pass")
            .map(|(_, id)| id.clone())
            .collect();
        let record = stdlib_dir().join("passes").join(format!("{name}.txt"));
        let recorded = read_list(&record);
        let lost: Vec<_> = recorded.difference(&passed).cloned().collect();
        let gained = passed.difference(&recorded).count();
        report.lock().unwrap().push(format!(
            "{name}: {} of {} tests pass ({} recorded, {gained} new, {} lost)",
            passed.len(),
            outcomes.len(),
            recorded.len(),
            lost.len()
        ));
        if recording() {
            write_list(
                &record,
                &format!("Tests of {name} that pass under Krait (KRAIT_RECORD=1 rewrites)."),
                &passed,
            );
            false
        } else {
            if !lost.is_empty() {
                report
                    .lock()
                    .unwrap()
                    .push(format!("  no longer pass: {lost:?}"));
            }
            !lost.is_empty()
        }
    });
    let mut report = report.into_inner().unwrap();
    report.sort();
    println!("{}", report.join("\n"));
    assert!(
        failing.is_empty(),
        "recorded passes lost in {failing:?}:\n{}",
        report.join("\n")
    );
}
