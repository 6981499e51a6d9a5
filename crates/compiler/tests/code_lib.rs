//! Every `.py` file of CPython 3.11's Lib (`test/` included) compiled by
//! Krait and by CPython (tools/oracle/code_dump.py), the dumps of
//! `krait -X dump=code` compared code object by code object: the whole
//! Lib as `compile()` builds it by default, and samples of 200 files at
//! `-O` and 200 at `-OO`.
//!
//! The goal is every code object identical. Until then the test keeps the
//! ground gained: it fails when a count falls below its record in
//! code_lib_counts.txt (whose header says how to raise the records),
//! shows the first differing objects, and writes every one of them to
//! `target/tmp/code_lib_differences.txt`.

#[path = "../../parser/tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// How many files the `-O` and the `-OO` samples hold.
const SAMPLE_SIZE: usize = 200;

/// How many differing objects the report shows.
const SHOWN: usize = 10;

/// Deeply nested source recurses deeply in the parser and the compiler.
const STACK_SIZE: usize = 256 << 20;

const COUNTS_HEADER: &str = "\
# The counts crates/compiler/tests/code_lib.rs must not fall below, one
# `MODE COUNT VALUE` a line: over CPython 3.11's Lib, the code objects
# compared (CPython's), those with co_code identical, those identical in
# every attribute, the files CPython fails to compile and those that fail
# with an identical error line. The test fails when any count falls: for
# Krait's counts that is a regression; for CPython's (objects,
# files_with_errors) it means another Lib, and the records are edited by
# hand, with the reason in the commit message. When counts rise, record
# them (and commit this file):
#   KRAIT_RECORD=1 cargo test --release -p krait-compiler --test code_lib
";

/// One way of compiling: the option of `compile()` and of the oracle.
struct Mode {
    name: &'static str,
    oracle_option: Option<&'static str>,
    optimize: u8,
}

const MODES: [Mode; 3] = [
    Mode {
        name: "default",
        oracle_option: None,
        optimize: 0,
    },
    Mode {
        name: "-O",
        oracle_option: Some("-O"),
        optimize: 1,
    },
    Mode {
        name: "-OO",
        oracle_option: Some("-OO"),
        optimize: 2,
    },
];

/// The files of each mode: all of Lib by default; at `-O` and `-OO`,
/// files spread evenly over Lib, the `-OO` ones halfway between the `-O`
/// ones, so that the two samples cover different files.
fn files_of_modes(files: &[PathBuf]) -> [Vec<PathBuf>; 3] {
    let sample = |shift: usize| {
        (0..SAMPLE_SIZE)
            .map(|i| files[(2 * i + shift) * files.len() / (2 * SAMPLE_SIZE)].clone())
            .collect()
    };
    [files.to_vec(), sample(0), sample(1)]
}

/// The byte offsets of the lines of `text` that start with `prefix`.
fn line_starts(text: &str, prefix: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(prefix) {
            starts.push(offset);
        }
        offset += line.len();
    }
    starts
}

/// `text` cut at each of `starts` (the first of which is 0).
fn pieces<'a>(text: &'a str, starts: &[usize]) -> Vec<&'a str> {
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().zip(ends).map(|(&s, e)| &text[s..e]).collect()
}

/// Starts the oracle on `files`, so that it runs while Krait works.
fn start_oracle(mode: &Mode, files: &[PathBuf]) -> std::process::Child {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/oracle/code_dump.py");
    Command::new(common::python())
        .arg(script)
        .args(mode.oracle_option)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the oracle")
}

/// The oracle's whole output, read as it comes so that the pipe never
/// stops it.
fn oracle_output(oracle: std::process::Child) -> String {
    let output = oracle.wait_with_output().expect("run the oracle");
    assert!(
        output.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the oracle prints UTF-8")
}

/// The oracle's dump of each file: what follows its `file FILE` line.
fn oracle_dumps<'a>(output: &'a str, files: &[PathBuf]) -> Vec<&'a str> {
    let blocks = pieces(output, &line_starts(output, "file "));
    assert_eq!(
        blocks.len(),
        files.len(),
        "the oracle prints a block per file"
    );
    blocks
        .iter()
        .zip(files)
        .map(|(block, file)| {
            let (header, dump) = block.split_once('\n').unwrap_or((block, ""));
            assert_eq!(
                header,
                format!("file {}", file.display()),
                "the oracle dumps the files in order"
            );
            dump
        })
        .collect()
}

/// A file's dump: its code objects, or the error line.
fn code_objects(dump: &str) -> Result<Vec<&str>, &str> {
    if dump.starts_with("SyntaxError ") {
        return Err(dump.trim_end_matches('\n'));
    }
    Ok(pieces(dump, &line_starts(dump, "code ")))
}

/// What a mode's comparison counted; each count is recorded.
#[derive(Default)]
struct Counts {
    objects: usize,
    co_code_identical: usize,
    identical: usize,
    files_with_errors: usize,
    errors_identical: usize,
}

impl Counts {
    fn named(&self) -> [(&'static str, usize); 5] {
        [
            ("objects", self.objects),
            ("co_code_identical", self.co_code_identical),
            ("identical", self.identical),
            ("files_with_errors", self.files_with_errors),
            ("errors_identical", self.errors_identical),
        ]
    }
}

/// Where two code objects' dumps differ, line by line: each differing
/// attribute with the place where it starts to differ.
fn object_difference(expected: &str, got: &str) -> String {
    let mut report = String::new();
    let got_lines: Vec<&str> = got.lines().collect();
    for (i, expected_line) in expected.lines().enumerate() {
        let got_line = got_lines.get(i).copied().unwrap_or("(nothing)");
        if expected_line != got_line {
            let attribute = match i {
                0 => "qualname, firstlineno",
                _ => expected_line.split_whitespace().next().unwrap_or(""),
            };
            report.push_str(&format!(
                "  {attribute}:\n{}\n",
                common::first_difference(expected_line, got_line)
            ));
        }
    }
    report
}

/// The line of a code object's dump that holds its co_code.
fn co_code(dump: &str) -> Option<&str> {
    dump.lines().nth(3)
}

/// Compares one file's dumps (`place` names the file and the mode),
/// adding to `counts` and to `differences` (one entry for each object that
/// is not identical, or one for the file when the two do not even have
/// the same objects).
fn compare_file(
    place: &str,
    expected: &str,
    got: &str,
    counts: &mut Counts,
    differences: &mut Vec<String>,
) {
    let expected = code_objects(expected);
    let got = code_objects(got);
    if let Ok(objects) = &expected {
        counts.objects += objects.len();
    }
    match (expected, got) {
        (Err(expected), got) => {
            counts.files_with_errors += 1;
            match got {
                Err(got) if got == expected => counts.errors_identical += 1,
                Err(got) => differences.push(format!(
                    "{place}: another error\n  expected: {expected}\n  krait:    {got}\n"
                )),
                Ok(_) => differences.push(format!(
                    "{place}: compiles, but CPython fails with\n  {expected}\n"
                )),
            }
        }
        (Ok(_), Err(got)) => differences.push(format!("{place}: fails with\n  {got}\n")),
        (Ok(expected), Ok(got)) if expected.len() != got.len() => {
            // The first object that is not where CPython has it, by its
            // header line: the qualified name and the first line number.
            let header = |objects: &[&str], i: usize| {
                objects.get(i).map_or("(nothing)".to_string(), |o| {
                    o.lines().next().unwrap_or("").to_string()
                })
            };
            let first = (0..expected.len().max(got.len()))
                .find(|&i| header(&expected, i) != header(&got, i))
                .unwrap_or(0);
            differences.push(format!(
                "{place}: {} code objects, CPython makes {}; object {first}:\n  expected: {}\n  krait:    {}\n",
                got.len(),
                expected.len(),
                header(&expected, first),
                header(&got, first)
            ));
        }
        (Ok(expected), Ok(got)) => {
            for (expected, got) in expected.iter().zip(&got) {
                if co_code(expected) == co_code(got) {
                    counts.co_code_identical += 1;
                }
                if expected == got {
                    counts.identical += 1;
                } else {
                    differences.push(format!(
                        "{place}: {}\n{}",
                        expected.lines().next().unwrap_or(""),
                        object_difference(expected, got)
                    ));
                }
            }
        }
    }
}

/// The records: `MODE COUNT VALUE` lines under a `#` header.
fn read_records(path: &Path) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(path).expect("read the recorded counts");
    text.lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (key, value) = line
                .rsplit_once(' ')
                .unwrap_or_else(|| panic!("a record is `MODE COUNT VALUE`: {line}"));
            let value = value
                .parse()
                .unwrap_or_else(|_| panic!("a record is `MODE COUNT VALUE`: {line}"));
            (key.to_string(), value)
        })
        .collect()
}

fn write_records(path: &Path, counts: &[(String, usize)]) {
    let mut text = COUNTS_HEADER.to_string();
    for (key, value) in counts {
        text.push_str(&format!("{key} {value}\n"));
    }
    std::fs::write(path, text).expect("write the recorded counts");
}

/// Each mode's dumps of its files by CPython (the oracle's whole output)
/// and by Krait (one dump a file).
fn dumps(files: &[Vec<PathBuf>; 3]) -> (Vec<String>, Vec<Vec<String>>) {
    let started = Instant::now();
    std::thread::scope(|scope| {
        // CPython's side, one process per mode, runs while Krait compiles.
        let oracles: Vec<_> = MODES
            .iter()
            .zip(files)
            .map(|(mode, files)| {
                let oracle = start_oracle(mode, files);
                scope.spawn(move || {
                    let output = oracle_output(oracle);
                    println!("CPython, {}: {:.1?}", mode.name, started.elapsed());
                    output
                })
            })
            .collect();
        // One thread is enough: on two cores it runs beside the oracle,
        // which takes about as long.
        let krait = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || {
                let dumps: Vec<Vec<String>> = MODES
                    .iter()
                    .zip(files)
                    .map(|(mode, files)| {
                        files
                            .iter()
                            .map(|file| {
                                let source = std::fs::read(file).expect("read a source file");
                                let name = file.display().to_string();
                                krait_compiler::dump_code_or_error(&source, &name, mode.optimize)
                            })
                            .collect()
                    })
                    .collect();
                println!("Krait, all modes: {:.1?}", started.elapsed());
                dumps
            })
            .expect("spawn the compiler thread");
        let outputs = oracles
            .into_iter()
            .map(|oracle| oracle.join().expect("read the oracle"))
            .collect();
        (outputs, krait.join().expect("Krait does not panic"))
    })
}

/// Fails if a count fell below its record; with `KRAIT_RECORD=1`, records
/// the counts that rose. `shown` is the start of the differences.
fn check_records(counts: &[(String, usize)], shown: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/code_lib_counts.txt");
    let records = read_records(&path);
    let recording = std::env::var_os("KRAIT_RECORD").is_some_and(|v| v == "1");
    let mut counted: Vec<&String> = counts.iter().map(|(key, _)| key).collect();
    counted.sort();
    assert!(
        recording || records.keys().eq(counted),
        "{} records other counts than the test's; rewrite it with KRAIT_RECORD=1",
        path.display()
    );
    let fallen: Vec<String> = counts
        .iter()
        .filter_map(|(key, value)| {
            let record = records.get(key).copied().unwrap_or(0);
            (*value < record).then(|| format!("{key}: {value}, recorded {record}"))
        })
        .collect();
    assert!(
        fallen.is_empty(),
        "counts fell below their records in {}:\n  {}\n{shown}",
        path.display(),
        fallen.join("\n  ")
    );
    println!("{shown}");
    // Nothing fell, so any change is a rise (or a new count).
    let risen = counts
        .iter()
        .any(|(key, value)| records.get(key) != Some(value));
    if recording && risen {
        write_records(&path, counts);
        println!("recorded the counts in {}", path.display());
    } else if risen {
        println!(
            "counts rose above their records: record them with KRAIT_RECORD=1 (see {})",
            path.display()
        );
    }
}

#[test]
fn every_lib_file_compiles_to_the_code_objects_cpython_makes() {
    let lib = common::cpython_lib();
    let lib_files = common::python_files(&lib);
    assert!(
        lib_files.len() > 1500,
        "expected CPython's whole Lib, found {} files",
        lib_files.len()
    );
    let files = files_of_modes(&lib_files);
    let (outputs, got) = dumps(&files);

    let mut differences = Vec::new();
    let mut counts = Vec::new();
    for (((mode, files), output), got) in MODES.iter().zip(&files).zip(&outputs).zip(&got) {
        let mut mode_counts = Counts::default();
        for ((file, expected), got) in files.iter().zip(oracle_dumps(output, files)).zip(got) {
            let place = format!(
                "{} ({})",
                file.strip_prefix(&lib).unwrap_or(file).display(),
                mode.name
            );
            compare_file(&place, expected, got, &mut mode_counts, &mut differences);
        }
        println!(
            "{} ({} files): {} code objects compared, {} with co_code identical, {} identical; \
             {} files fail to compile, {} with an identical error",
            mode.name,
            files.len(),
            mode_counts.objects,
            mode_counts.co_code_identical,
            mode_counts.identical,
            mode_counts.files_with_errors,
            mode_counts.errors_identical
        );
        counts.extend(
            mode_counts
                .named()
                .into_iter()
                .map(|(name, value)| (format!("{} {name}", mode.name), value)),
        );
    }

    let list = Path::new(env!("CARGO_TARGET_TMPDIR")).join("code_lib_differences.txt");
    std::fs::write(&list, differences.concat()).expect("write the list of differences");
    let shown = if differences.is_empty() {
        "Every code object and every error is identical.\n".to_string()
    } else {
        format!(
            "The first of {} differences (all in {}):\n{}",
            differences.len(),
            list.display(),
            differences
                .iter()
                .take(SHOWN)
                .map(String::as_str)
                .collect::<String>()
        )
    };
    check_records(&counts, &shown);
}
