//! What the front end's tests share: finding CPython 3.11 (the oracle),
//! asking it for dumps, and comparing Krait's with them.

// Each test binary uses only part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python that serves as the oracle. Tests fail, never skip, without it.
pub fn python() -> &'static str {
    let output = Command::new("python3")
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output()
        .expect("these tests need CPython 3.11 as `python3`, and it cannot be run");
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert_eq!(
        version, "3.11",
        "these tests need CPython 3.11 as `python3`, not {version}"
    );
    "python3"
}

/// The directory of CPython's standard library.
pub fn cpython_lib() -> PathBuf {
    let output = Command::new(python())
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_path('stdlib'))",
        ])
        .output()
        .expect("run python3");
    PathBuf::from(String::from_utf8(output.stdout).expect("a path").trim())
}

/// Every `.py` file under `dir`, sorted, skipping `site-packages`.
pub fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a directory").flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "site-packages") {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "py") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// CPython's dump of each file (tools/oracle/ast_dump.py), one line each.
pub fn oracle_dumps(files: &[PathBuf]) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/ast_dump.py");
    let mut lines = Vec::with_capacity(files.len());
    for chunk in files.chunks(2000) {
        let output = Command::new(python())
            .arg(&script)
            .args(chunk)
            .output()
            .expect("run the oracle");
        assert!(
            output.status.success(),
            "the oracle failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).expect("the oracle prints UTF-8");
        lines.extend(text.lines().map(str::to_string));
    }
    assert_eq!(
        lines.len(),
        files.len(),
        "the oracle prints one line per file"
    );
    lines
}

/// Krait's dump of each file, parsed on as many threads as there are cores,
/// each with room for deeply nested source.
pub fn krait_dumps(files: &[PathBuf]) -> Vec<String> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk_size = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk_size)
            .map(|chunk| {
                std::thread::Builder::new()
                    .stack_size(256 << 20)
                    .spawn_scoped(scope, move || {
                        chunk
                            .iter()
                            .map(|f| {
                                krait_parser::dump_ast_or_error(
                                    &std::fs::read(f).expect("read a source file"),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                    .expect("spawn a parser thread")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("the parser does not panic"))
            .collect()
    })
}

/// Where two dumps first differ, with some context.
pub fn first_difference(expected: &str, got: &str) -> String {
    let at = expected
        .bytes()
        .zip(got.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.len().min(got.len()));
    let window = |s: &str| {
        let mut start = at.saturating_sub(120);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 120).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s[start..end].to_string()
    };
    format!(
        "  expected: ...{}\n  krait:    ...{}",
        window(expected),
        window(got)
    )
}

/// Compares Krait with CPython on `files`; panics listing the differences.
pub fn assert_same_as_cpython(files: &[PathBuf], what: &str) {
    let expected = oracle_dumps(files);
    let got = krait_dumps(files);
    assert_no_differences(files, &expected, &got, what, |expected, got| {
        (expected != got).then(|| first_difference(expected, got))
    });
}

/// Compares each file's dump by Krait with CPython's, `describe` telling
/// how two differ (or `None` when they agree); reports the counts and
/// panics listing the first differences.
pub fn assert_no_differences(
    files: &[PathBuf],
    expected: &[String],
    got: &[String],
    what: &str,
    describe: impl Fn(&str, &str) -> Option<String>,
) {
    assert!(!files.is_empty(), "no files to compare in {what}");
    let mut report = String::new();
    let mut differing = 0;
    for ((file, expected), got) in files.iter().zip(expected).zip(got) {
        if let Some(difference) = describe(expected, got) {
            differing += 1;
            if differing <= 25 {
                report.push_str(&format!("{}\n{difference}\n", file.display()));
            }
        }
    }
    println!(
        "{what}: {} files compared, {} identical",
        files.len(),
        files.len() - differing
    );
    assert_eq!(
        differing,
        0,
        "{differing} of {} files differ from CPython:\n{report}",
        files.len()
    );
}
