//! Unicode character properties that give exactly CPython 3.11's answers.
//!
//! # What this crate is
//!
//! Krait needs a few per-character Unicode properties that must match CPython
//! exactly. The tokenizer needs to know which characters may start or continue
//! an identifier. `repr()` of a `str` needs to know which characters are
//! printable, because it escapes the rest. In CPython these answers come from
//! `Objects/unicodectype.c` (`_PyUnicode_IsPrintable`,
//! `_PyUnicode_IsXidStart`, `_PyUnicode_IsXidContinue`). Those functions read
//! flag bits from `Objects/unicodetype_db.h`, a table that
//! `Tools/unicode/makeunicodedata.py` generates from the Unicode Character
//! Database. This crate does the same job for Krait: [`is_printable`],
//! [`is_xid_start`] and [`is_xid_continue`] answer from generated tables.
//!
//! # Why the tables come from CPython's own `unicodedata`
//!
//! We could not use Rust's `char` methods or a crate built from the UCD.
//! Rust's standard library follows whatever Unicode version the toolchain
//! ships, which is newer than 14.0, and CPython 3.11 is frozen at Unicode
//! 14.0. For example, the Kawi letters at U+11F00 were added in Unicode 15.0.
//! Rust calls them alphabetic. Python 3.11 says they are neither identifier
//! characters nor printable, so `repr()` escapes them. CPython also adds a few
//! rules of its own on top of the UCD:
//! - `_` may start an identifier;
//! - "printable" means every character except those in categories Cc, Cf, Cs,
//!   Co, Cn, Zl, Zp and Zs, with the ASCII space allowed.
//!
//! So `tools/unicode/gen_tables.py` does not parse UCD files. It must run
//! under CPython 3.11. For every code point it asks the interpreter's own str
//! methods: `isprintable()`, `isidentifier()`, and `isidentifier()` again
//! with `"a"` in front (this tests whether the character may continue an
//! identifier). It writes the answers to `src/tables.rs`. That makes the
//! tables agree with CPython 3.11 by construction, quirks included. The
//! `against_cpython` integration test checks all 0x110000 code points again
//! each time it runs.
//!
//! The tokenizer can use these functions directly. Like CPython's tokenizer,
//! it checks identifier characters on the source text as written. NFKC
//! normalization of identifiers (PEP 3131) is a separate, later step.
//!
//! # Representation
//!
//! Each property is a sorted list of disjoint inclusive ranges, and lookup is
//! a binary search over it (at most about 10 probes, because no table has more
//! than 1024 ranges). Source code and most reprs are almost entirely ASCII, so
//! every function answers ASCII from a `match` first and never searches a
//! table for it. Lone surrogates cannot occur, because the functions take a
//! Rust `char`. CPython answers `False` to all three questions for
//! surrogates anyway.
//!
//! To regenerate the tables, run `python3 tools/unicode/gen_tables.py` from
//! the workspace root. Do not edit `src/tables.rs` by hand.

use std::cmp::Ordering;

#[rustfmt::skip] // Generated with several ranges per line; rustfmt would explode it.
mod tables;

pub use tables::UNICODE_VERSION;

/// Whether `c` is printable, exactly as `c.isprintable()` in Python 3.11.
///
/// `repr()` of a `str` prints this character as-is when this is true.
/// Otherwise it escapes the character as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        // Space is printable. The C0 controls and DEL are not.
        return matches!(c, ' '..='~');
    }
    in_ranges(tables::PRINTABLE, c)
}

/// Whether `c` may start an identifier: exactly `c.isidentifier()` in Python
/// 3.11. This is Unicode's XID_Start property plus `_`.
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, 'a'..='z' | 'A'..='Z' | '_');
    }
    in_ranges(tables::XID_START, c)
}

/// Whether `c` may continue an identifier: exactly `("a" + c).isidentifier()`
/// in Python 3.11. This is Unicode's XID_Continue property, which includes
/// `_` and every character that may start an identifier.
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, 'a'..='z' | 'A'..='Z' | '0'..='9' | '_');
    }
    in_ranges(tables::XID_CONTINUE, c)
}

/// Whether `c` lies in one of `ranges`. The ranges must be sorted, disjoint
/// and inclusive, which is how the generator writes them.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    ranges
        .binary_search_by(|&(first, last)| {
            if last < c {
                Ordering::Less
            } else if first > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table is laid out the way `in_ranges` requires. If it were not,
    /// the binary search would give wrong answers without any error.
    #[test]
    fn tables_are_sorted_disjoint_inclusive_ranges() {
        for (name, table) in [
            ("PRINTABLE", tables::PRINTABLE),
            ("XID_START", tables::XID_START),
            ("XID_CONTINUE", tables::XID_CONTINUE),
        ] {
            assert!(!table.is_empty(), "{name} is empty");
            for &(first, last) in table {
                assert!(
                    first <= last,
                    "{name}: range {first:#X}..={last:#X} is reversed"
                );
                assert!(last <= 0x10FFFF, "{name}: {last:#X} is past U+10FFFF");
            }
            for pair in table.windows(2) {
                // A gap of at least one code point: ranges that merely touch
                // would mean the generator failed to merge them.
                assert!(
                    pair[0].1 + 1 < pair[1].0,
                    "{name}: {:X?} and {:X?} overlap, touch or are out of order",
                    pair[0],
                    pair[1]
                );
            }
        }
    }

    /// The ASCII fast paths and the tables must agree. The tables cover
    /// ASCII too, so this test needs no Python.
    #[test]
    fn ascii_fast_paths_match_the_tables() {
        for c in (0u8..0x80).map(char::from) {
            assert_eq!(is_printable(c), in_ranges(tables::PRINTABLE, c), "{c:?}");
            assert_eq!(is_xid_start(c), in_ranges(tables::XID_START, c), "{c:?}");
            assert_eq!(
                is_xid_continue(c),
                in_ranges(tables::XID_CONTINUE, c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn unicode_version_is_that_of_python_3_11() {
        assert_eq!(UNICODE_VERSION, "14.0.0");
    }

    /// Hand-picked characters, each with what CPython 3.11 answers for
    /// `c.isprintable()`, `c.isidentifier()` and `("a" + c).isidentifier()`,
    /// and why the character is interesting.
    const EXAMPLES: &[(char, bool, bool, bool, &str)] = &[
        ('a', true, true, true, "ASCII letter"),
        ('_', true, true, true, "'_' may start"),
        ('1', true, false, true, "ASCII digit"),
        (' ', true, false, false, "the one printable Zs"),
        ('\t', false, false, false, "Cc"),
        ('\x7f', false, false, false, "DEL, Cc"),
        ('\u{a0}', false, false, false, "NO-BREAK SPACE, Zs"),
        ('\u{ad}', false, false, false, "SOFT HYPHEN, Cf"),
        ('·', true, false, true, "Other_ID_Continue"),
        ('é', true, true, true, "Latin-1 letter"),
        ('\u{660}', true, false, true, "Arabic digit, Nd"),
        ('\u{e33}', true, false, true, "Lo, NFKC starts with Mn"),
        ('\u{200b}', false, false, false, "ZERO WIDTH SPACE"),
        ('€', true, false, false, "EURO SIGN, Sc"),
        ('\u{2028}', false, false, false, "LINE SEPARATOR"),
        ('\u{2118}', true, true, true, "Other_ID_Start"),
        ('\u{3000}', false, false, false, "IDEOGRAPHIC SPACE"),
        ('中', true, true, true, "CJK ideograph"),
        ('\u{e000}', false, false, false, "private use, Co"),
        ('\u{ff3f}', true, false, true, "FULLWIDTH LOW LINE"),
        ('\u{11f04}', false, false, false, "new in Unicode 15"),
        ('😀', true, false, false, "emoji, So"),
        ('\u{10ffff}', false, false, false, "noncharacter"),
    ];

    #[test]
    fn printable_examples() {
        for &(c, printable, _, _, why) in EXAMPLES {
            assert_eq!(is_printable(c), printable, "{c:?} ({why})");
        }
    }

    #[test]
    fn xid_start_examples() {
        for &(c, _, xid_start, _, why) in EXAMPLES {
            assert_eq!(is_xid_start(c), xid_start, "{c:?} ({why})");
        }
    }

    #[test]
    fn xid_continue_examples() {
        for &(c, _, _, xid_continue, why) in EXAMPLES {
            assert_eq!(is_xid_continue(c), xid_continue, "{c:?} ({why})");
        }
    }
}
