//! Compares every code point against the CPython 3.11 that is `python3`.
//!
//! The generator builds the tables from the same questions asked here, so this
//! test catches three things: tables that are stale or were edited by hand,
//! bugs in the ASCII fast paths or the range search, and a `python3` that is
//! not the oracle Krait targets. Python is required. If it is missing or the
//! wrong version, the test fails loudly instead of skipping, because a
//! skipped oracle test looks exactly like a passing one.

use std::collections::HashMap;
use std::process::Command;

use krait_unicode::{
    is_alpha, is_case_ignorable, is_cased, is_decimal, is_digit, is_lower, is_numeric,
    is_printable, is_space, is_title, is_upper, is_xid_continue, is_xid_start, to_folded, to_lower,
    to_title, to_upper, Mapped, UNICODE_VERSION,
};

const CODE_POINTS: usize = 0x11_0000;

/// A property function of the crate.
type Property = fn(char) -> bool;
/// A case mapping function of the crate.
type CaseMapping = fn(char) -> Mapped;
const MISMATCHES_TO_SHOW: usize = 10;

/// Prints a version line, then one line per property: the name, followed by
/// the inclusive ranges where the property holds, as `first-last` in hex.
/// Ranges keep the output small (about 2,000 ranges in all) and fast to parse.
const ORACLE: &str = r#"
import sys, unicodedata
if sys.version_info[:2] != (3, 11):
    sys.exit(f"python3 must be CPython 3.11, not {sys.version.split()[0]}")
print("version", unicodedata.unidata_version)
def cased(ch):
    return ch.islower() or ch.isupper() or ch.istitle()
def case_ignorable(ch):
    if cased(ch):
        return ("A\u03a3" + ch).lower()[1] == "\u03c2"
    return ("a" + ch + "\u03a3").lower()[-1] == "\u03c2"
properties = {
    "printable": str.isprintable,
    "xid_start": str.isidentifier,
    "xid_continue": lambda ch: ("a" + ch).isidentifier(),
    "alpha": str.isalpha,
    "decimal": str.isdecimal,
    "digit": str.isdigit,
    "numeric": str.isnumeric,
    "space": str.isspace,
    "lower": str.islower,
    "upper": str.isupper,
    "title": lambda ch: ch.istitle() and not ch.isupper(),
    "cased": cased,
    "case_ignorable": case_ignorable,
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
for name, mapping in [("map_lower", str.lower), ("map_upper", str.upper),
                      ("map_title", str.title), ("map_fold", str.casefold)]:
    entries = []
    for cp in range(0x110000):
        mapped = mapping(chr(cp))
        if mapped != chr(cp):
            entries.append(f"{cp:x}=" + ",".join(f"{ord(m):x}" for m in mapped))
    print(name, *entries)
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

/// The oracle's answers: per property a bitmap indexed by code point,
/// per mapping the code points of each character it changes.
struct Oracle {
    unicode_version: String,
    properties: HashMap<String, Vec<bool>>,
    mappings: HashMap<String, HashMap<u32, Vec<u32>>>,
}

/// Parses `cp=m1,m2` entries in hex.
fn parse_mapping(line: &str) -> HashMap<u32, Vec<u32>> {
    let hex = |s: &str| u32::from_str_radix(s, 16).expect("hex code point");
    line.split_whitespace()
        .map(|entry| {
            let (cp, mapped) = entry.split_once('=').expect("entry is cp=mapped");
            (hex(cp), mapped.split(',').map(hex).collect())
        })
        .collect()
}

fn load_oracle() -> Oracle {
    let stdout = run_oracle();
    let mut oracle = Oracle {
        unicode_version: String::new(),
        properties: HashMap::new(),
        mappings: HashMap::new(),
    };
    for line in stdout.lines() {
        let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
        if name == "version" {
            oracle.unicode_version = rest.to_owned();
        } else if let Some(mapping) = name.strip_prefix("map_") {
            oracle
                .mappings
                .insert(mapping.to_owned(), parse_mapping(rest));
        } else {
            oracle
                .properties
                .insert(name.to_owned(), parse_ranges(rest));
        }
    }
    assert!(
        !oracle.unicode_version.is_empty(),
        "the oracle printed no version line"
    );
    oracle
}

/// Checks a case mapping against the oracle's for every character.
fn mapping_mismatches(
    name: &str,
    krait: fn(char) -> Mapped,
    expected: &HashMap<u32, Vec<u32>>,
) -> Vec<String> {
    let mut found = Vec::new();
    for c in (0..CODE_POINTS as u32).filter_map(char::from_u32) {
        let ours: Vec<u32> = krait(c).code_points().collect();
        let python = expected
            .get(&u32::from(c))
            .cloned()
            .unwrap_or_else(|| vec![u32::from(c)]);
        if ours != python {
            found.push(format!(
                "{name}(U+{:04X}): krait {ours:X?}, CPython {python:X?}",
                u32::from(c)
            ));
        }
    }
    found
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
    let properties: [(&str, Property); 13] = [
        ("printable", is_printable),
        ("xid_start", is_xid_start),
        ("xid_continue", is_xid_continue),
        ("alpha", is_alpha),
        ("decimal", is_decimal),
        ("digit", is_digit),
        ("numeric", is_numeric),
        ("space", is_space),
        ("lower", is_lower),
        ("upper", is_upper),
        ("title", is_title),
        ("cased", is_cased),
        ("case_ignorable", is_case_ignorable),
    ];
    for (name, f) in properties {
        let expected = oracle
            .properties
            .get(name)
            .unwrap_or_else(|| panic!("the oracle printed no {name} line"));
        all.extend(mismatches(name, f, expected));
    }
    let mappings: [(&str, CaseMapping); 4] = [
        ("lower", to_lower),
        ("upper", to_upper),
        ("title", to_title),
        ("fold", to_folded),
    ];
    for (name, f) in mappings {
        let expected = oracle
            .mappings
            .get(name)
            .unwrap_or_else(|| panic!("the oracle printed no map_{name} line"));
        all.extend(mapping_mismatches(name, f, expected));
    }
    assert!(
        all.is_empty(),
        "{} code point answers differ from CPython 3.11 (regenerate with \
         `python3 tools/unicode/gen_tables.py`?); first few:\n{}",
        all.len(),
        all[..all.len().min(MISMATCHES_TO_SHOW)].join("\n")
    );
}
