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
//! The str methods need more of the database: the character classes behind
//! `isalpha`, `isdecimal`, `isdigit`, `isnumeric`, `isspace`, `islower`,
//! `isupper` and `istitle`, the Cased and Case_Ignorable properties that
//! `lower()`'s final-sigma rule consults, and the full case mappings
//! (`to_lower`, `to_upper`, `to_title`, `to_folded`), where one character
//! may become up to three (`'ß'.upper()` is `'SS'`). They come from the same
//! generator, by the same method.
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

/// Defines a property function answering from a range table, with an
/// ASCII fast path that must agree with the table.
macro_rules! property {
    ($(#[$doc:meta])* $name:ident, $table:ident, |$c:ident| $ascii:expr) => {
        $(#[$doc])*
        pub fn $name($c: char) -> bool {
            if $c.is_ascii() {
                return $ascii;
            }
            in_ranges(tables::$table, $c)
        }
    };
}

property!(
    /// `c.isalpha()` in Python 3.11 (categories Lm, Lt, Lu, Ll, Lo).
    is_alpha, ALPHA, |c| c.is_ascii_alphabetic()
);
property!(
    /// `c.isdecimal()` in Python 3.11 (category Nd).
    is_decimal, DECIMAL, |c| c.is_ascii_digit()
);
property!(
    /// `c.isdigit()` in Python 3.11 (a digit value in the database).
    is_digit, DIGIT, |c| c.is_ascii_digit()
);
property!(
    /// `c.isnumeric()` in Python 3.11 (a numeric value in the database).
    is_numeric, NUMERIC, |c| c.is_ascii_digit()
);
property!(
    /// `c.isspace()` in Python 3.11: bidirectional class WS, B or S, or
    /// category Zs; in ASCII, `\t\n\x0b\x0c\r`, the separators
    /// `\x1c`-`\x1f` and space.
    is_space, SPACE, |c| matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ')
);
property!(
    /// `c.islower()` in Python 3.11 (the Lowercase property).
    is_lower, LOWER, |c| c.is_ascii_lowercase()
);
property!(
    /// `c.isupper()` in Python 3.11 (the Uppercase property).
    is_upper, UPPER, |c| c.is_ascii_uppercase()
);
property!(
    /// Whether `c` is a titlecase letter (category Lt), which `istitle()`
    /// counts as starting a word like an uppercase letter.
    is_title, TITLE, |_c| false
);
property!(
    /// Whether `c` is cased: lowercase, uppercase or titlecase.
    is_cased, CASED, |c| c.is_ascii_alphabetic()
);
property!(
    /// Whether `c` is case-ignorable, which the final-sigma rule of
    /// `lower()` skips over when it looks for cased neighbours.
    is_case_ignorable, CASE_IGNORABLE, |c| matches!(c, '\'' | '.' | ':' | '^' | '`')
);

/// A full case mapping of one character: one to three characters.
pub struct Mapped {
    chars: [u32; 3],
}

impl Mapped {
    fn single(c: char) -> Mapped {
        Mapped {
            chars: [u32::from(c), 0, 0],
        }
    }

    /// The mapped code points, in order.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        // A mapping is never to U+0000, so the zeros are only padding;
        // the first code point is always present (it may itself be 0 for
        // an unmapped NUL).
        let len = 1 + self.chars[1..].iter().take_while(|&&c| c != 0).count();
        self.chars[..len].iter().copied()
    }
}

fn map_with(table: &[(u32, [u32; 3])], c: char) -> Mapped {
    match table.binary_search_by_key(&u32::from(c), |&(cp, _)| cp) {
        Ok(i) => Mapped { chars: table[i].1 },
        Err(_) => Mapped::single(c),
    }
}

/// `c.lower()` in Python 3.11, without the final-sigma rule, which needs
/// the neighbours of a capital sigma.
pub fn to_lower(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped::single(c.to_ascii_lowercase());
    }
    map_with(tables::LOWER_MAP, c)
}

/// `c.upper()` in Python 3.11 (full mapping: `ß` becomes `SS`).
pub fn to_upper(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped::single(c.to_ascii_uppercase());
    }
    map_with(tables::UPPER_MAP, c)
}

/// The titlecase of `c`, as `c.title()` gives it in Python 3.11.
pub fn to_title(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped::single(c.to_ascii_uppercase());
    }
    map_with(tables::TITLE_MAP, c)
}

/// `c.casefold()` in Python 3.11.
pub fn to_folded(c: char) -> Mapped {
    if c.is_ascii() {
        return Mapped::single(c.to_ascii_lowercase());
    }
    map_with(tables::FOLD_MAP, c)
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
            ("ALPHA", tables::ALPHA),
            ("DECIMAL", tables::DECIMAL),
            ("DIGIT", tables::DIGIT),
            ("NUMERIC", tables::NUMERIC),
            ("SPACE", tables::SPACE),
            ("LOWER", tables::LOWER),
            ("UPPER", tables::UPPER),
            ("TITLE", tables::TITLE),
            ("CASED", tables::CASED),
            ("CASE_IGNORABLE", tables::CASE_IGNORABLE),
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
            for (name, f, table) in [
                ("alpha", is_alpha as fn(char) -> bool, tables::ALPHA),
                ("decimal", is_decimal, tables::DECIMAL),
                ("digit", is_digit, tables::DIGIT),
                ("numeric", is_numeric, tables::NUMERIC),
                ("space", is_space, tables::SPACE),
                ("lower", is_lower, tables::LOWER),
                ("upper", is_upper, tables::UPPER),
                ("title", is_title, tables::TITLE),
                ("cased", is_cased, tables::CASED),
                ("case_ignorable", is_case_ignorable, tables::CASE_IGNORABLE),
            ] {
                assert_eq!(f(c), in_ranges(table, c), "{name} {c:?}");
            }
            for (name, f, table) in [
                ("lower", to_lower as fn(char) -> Mapped, tables::LOWER_MAP),
                ("upper", to_upper, tables::UPPER_MAP),
                ("title", to_title, tables::TITLE_MAP),
                ("fold", to_folded, tables::FOLD_MAP),
            ] {
                let fast: Vec<u32> = f(c).code_points().collect();
                let slow: Vec<u32> = map_with(table, c).code_points().collect();
                assert_eq!(fast, slow, "{name} {c:?}");
            }
        }
    }

    #[test]
    fn full_case_mappings() {
        let map = |f: fn(char) -> Mapped, c| -> String {
            f(c).code_points().filter_map(char::from_u32).collect()
        };
        assert_eq!(map(to_upper, 'ß'), "SS");
        assert_eq!(map(to_lower, 'İ'), "i\u{307}");
        assert_eq!(map(to_title, 'ǆ'), "ǅ");
        assert_eq!(map(to_folded, 'ß'), "ss");
        assert_eq!(map(to_upper, 'ŉ'), "ʼN");
        assert_eq!(map(to_lower, '\0'), "\0");
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
