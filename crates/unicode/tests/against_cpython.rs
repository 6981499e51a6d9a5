//! Compares every code point against the CPython 3.11 that is `python3`.
//!
//! The generator builds the tables from the same questions asked here, so this
//! test catches three things: tables that are stale or were edited by hand,
//! bugs in the ASCII fast paths or the range search, and a `python3` that is
//! not the oracle Krait targets. Python is required. If it is missing or the
//! wrong version, the test fails loudly instead of skipping, because a
//! skipped oracle test looks exactly like a passing one.

use std::process::Command;

use krait_unicode::{is_printable, is_xid_continue, is_xid_start, UNICODE_VERSION};

const CODE_POINTS: usize = 0x11_0000;
const MISMATCHES_TO_SHOW: usize = 10;

/// Prints a version line, then one line per property: the name, followed by
/// the inclusive ranges where the property holds, as `first-last` in hex.
/// Ranges keep the output small (about 2,000 ranges in all) and fast to parse.
const ORACLE: &str = r#"
import sys, unicodedata
if sys.version_info[:2] != (3, 11):
    sys.exit(f"python3 must be CPython 3.11, not {sys.version.split()[0]}")
print("version", unicodedata.unidata_version)
properties = {
    "printable": str.isprintable,
    "xid_start": str.isidentifier,
    "xid_continue": lambda ch: ("a" + ch).isidentifier(),
}
for name, predicate in properties.items():
    ranges, start = [], None
    for cp in range(0x110000):
        if predicate(chr(cp)):
            if start is None:
                start = cp
        elif start is not None:
            ranges.append(f"{start:x}-{cp - 1:x}")
            start = None
    if start is not None:
        ranges.append(f"{start:x}-10ffff")
    print(name, *ranges)
"#;

/// Runs the oracle and returns its stdout. Panics with instructions if
/// `python3` cannot be run or is not 3.11.
fn run_oracle() -> String {
    let output = Command::new("python3")
        .args(["-c", ORACLE])
        .output()
        .unwrap_or_else(|err| {
            panic!("cannot run python3 ({err}); this test needs CPython 3.11 on PATH as `python3`")
        });
    assert!(
        output.status.success(),
        "the CPython oracle failed ({}); this test needs CPython 3.11 as `python3`:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("oracle output is ASCII")
}

/// Turns one line of `first-last` hex ranges into a membership bitmap.
fn parse_ranges(line: &str) -> Vec<bool> {
    let mut member = vec![false; CODE_POINTS];
    for range in line.split_whitespace() {
        let (first, last) = range.split_once('-').expect("range is first-last");
        let first = usize::from_str_radix(first, 16).expect("hex code point");
        let last = usize::from_str_radix(last, 16).expect("hex code point");
        member[first..=last].fill(true);
    }
    member
}

/// The oracle's answers, one bitmap per property, indexed by code point.
struct Oracle {
    unicode_version: String,
    printable: Vec<bool>,
    xid_start: Vec<bool>,
    xid_continue: Vec<bool>,
}

fn load_oracle() -> Oracle {
    let stdout = run_oracle();
    let mut version = None;
    let (mut printable, mut xid_start, mut xid_continue) = (None, None, None);
    for line in stdout.lines() {
        let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
        match name {
            "version" => version = Some(rest.to_owned()),
            "printable" => printable = Some(parse_ranges(rest)),
            "xid_start" => xid_start = Some(parse_ranges(rest)),
            "xid_continue" => xid_continue = Some(parse_ranges(rest)),
            _ => panic!("unexpected oracle line: {line:.80}"),
        }
    }
    let missing = |what: &str| format!("the oracle printed no {what} line");
    Oracle {
        unicode_version: version.unwrap_or_else(|| panic!("{}", missing("version"))),
        printable: printable.unwrap_or_else(|| panic!("{}", missing("printable"))),
        xid_start: xid_start.unwrap_or_else(|| panic!("{}", missing("xid_start"))),
        xid_continue: xid_continue.unwrap_or_else(|| panic!("{}", missing("xid_continue"))),
    }
}

/// Checks `krait` against `expected` for every code point and describes each
/// disagreement.
fn mismatches(name: &str, krait: fn(char) -> bool, expected: &[bool]) -> Vec<String> {
    let mut found = Vec::new();
    for (cp, &python) in expected.iter().enumerate() {
        let cp = u32::try_from(cp).expect("code points fit in u32");
        let ours = match char::from_u32(cp) {
            Some(c) => krait(c),
            // A surrogate is not a `char`, so Krait is never asked about
            // one. CPython must answer False for it, which is what the
            // crate documents.
            None => false,
        };
        if ours != python {
            found.push(format!(
                "{name}(U+{cp:04X}): krait {ours}, CPython {python}"
            ));
        }
    }
    found
}

#[test]
fn every_code_point_matches_cpython_3_11() {
    let oracle = load_oracle();
    assert_eq!(
        oracle.unicode_version, UNICODE_VERSION,
        "python3's Unicode database differs from the one the tables were generated from"
    );

    let mut all = Vec::new();
    all.extend(mismatches("is_printable", is_printable, &oracle.printable));
    all.extend(mismatches("is_xid_start", is_xid_start, &oracle.xid_start));
    all.extend(mismatches(
        "is_xid_continue",
        is_xid_continue,
        &oracle.xid_continue,
    ));
    assert!(
        all.is_empty(),
        "{} code point answers differ from CPython 3.11 (regenerate with \
         `python3 tools/unicode/gen_tables.py`?); first few:\n{}",
        all.len(),
        all[..all.len().min(MISMATCHES_TO_SHOW)].join("\n")
    );
}
