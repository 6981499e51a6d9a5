//! What the engine asks about one character (Modules/_sre/sre.c's
//! `sre_category`, `sre_lower_*`, `sre_upper_*` and the `SRE_IS_*`
//! predicates): the categories `\d`, `\s`, `\w` and the line break in
//! their ASCII, locale and Unicode meanings, and the case mappings that
//! IGNORECASE compares through.
//!
//! The locale variants answer as the C library does in the "C" and UTF-8
//! locales, where only ASCII letters and digits have a case or are
//! alphanumeric among the bytes 128-255: those are the locales Krait
//! runs in (it never calls `setlocale` with a single-byte locale).
//!
//! The Unicode case mappings are CPython's `_PyUnicode_ToLowercase` and
//! `_PyUnicode_ToUppercase`: the first character of the full mapping,
//! so `unicode_tolower(ord('İ'))` is `ord('i')` as in CPython.

use super::constants::category;

/// `ch` lowered if it is an ASCII capital (`sre_lower_ascii`).
#[inline]
pub fn lower_ascii(ch: u32) -> u32 {
    if (u32::from(b'A')..=u32::from(b'Z')).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

/// `sre_lower_locale`, for the locales described above.
#[inline]
pub fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

/// `sre_upper_locale`, for the locales described above.
#[inline]
pub fn upper_locale(ch: u32) -> u32 {
    if (u32::from(b'a')..=u32::from(b'z')).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}

/// The simple lowercase of a code point (`sre_lower_unicode`); lone
/// surrogates and unmapped characters are their own.
#[inline]
pub fn lower_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return lower_ascii(ch);
    }
    match char::from_u32(ch) {
        Some(c) => krait_unicode::to_lower(c)
            .code_points()
            .next()
            .unwrap_or(ch),
        None => ch,
    }
}

/// The simple uppercase of a code point (`sre_upper_unicode`).
#[inline]
pub fn upper_unicode(ch: u32) -> u32 {
    if ch < 0x80 {
        return upper_locale(ch);
    }
    match char::from_u32(ch) {
        Some(c) => krait_unicode::to_upper(c)
            .code_points()
            .next()
            .unwrap_or(ch),
        None => ch,
    }
}

/// Whether the character has another case in ASCII (`ascii_iscased`).
pub fn ascii_iscased(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphabetic()
}

/// Whether the character has another case in Unicode (`unicode_iscased`).
pub fn unicode_iscased(ch: u32) -> bool {
    ch != lower_unicode(ch) || ch != upper_unicode(ch)
}

#[inline]
fn is_digit(ch: u32) -> bool {
    (u32::from(b'0')..=u32::from(b'9')).contains(&ch)
}

#[inline]
fn is_space(ch: u32) -> bool {
    matches!(ch, 0x09..=0x0D | 0x20)
}

/// Whether `ch` is a line break for `.` and `$` (`SRE_IS_LINEBREAK`).
#[inline]
pub fn is_linebreak(ch: u32) -> bool {
    ch == u32::from(b'\n')
}

/// `SRE_IS_WORD`: an ASCII letter, digit or underscore.
#[inline]
pub fn is_word(ch: u32) -> bool {
    ch < 128 && ((ch as u8).is_ascii_alphanumeric() || ch == u32::from(b'_'))
}

/// `SRE_LOC_IS_WORD`, for the locales described above.
#[inline]
pub fn is_loc_word(ch: u32) -> bool {
    is_word(ch)
}

fn with_char(ch: u32, test: impl Fn(char) -> bool) -> bool {
    char::from_u32(ch).is_some_and(test)
}

fn is_uni_digit(ch: u32) -> bool {
    with_char(ch, krait_unicode::is_decimal)
}

fn is_uni_space(ch: u32) -> bool {
    with_char(ch, krait_unicode::is_space)
}

fn is_uni_linebreak(ch: u32) -> bool {
    crate::objects::str_methods::is_line_break(ch)
}

/// `SRE_UNI_IS_WORD`: `str.isalnum()` of the character, or underscore.
#[inline]
pub fn is_uni_word(ch: u32) -> bool {
    if ch < 128 {
        return is_word(ch);
    }
    with_char(ch, |c| {
        krait_unicode::is_alpha(c)
            || krait_unicode::is_decimal(c)
            || krait_unicode::is_digit(c)
            || krait_unicode::is_numeric(c)
    })
}

/// Whether `ch` is in the character category `code` (`sre_category`);
/// an unknown category holds nothing.
#[inline]
pub fn in_category(code: u32, ch: u32) -> bool {
    match code {
        category::DIGIT => is_digit(ch),
        category::NOT_DIGIT => !is_digit(ch),
        category::SPACE => is_space(ch),
        category::NOT_SPACE => !is_space(ch),
        category::WORD => is_word(ch),
        category::NOT_WORD => !is_word(ch),
        category::LINEBREAK => is_linebreak(ch),
        category::NOT_LINEBREAK => !is_linebreak(ch),
        category::LOC_WORD => is_loc_word(ch),
        category::LOC_NOT_WORD => !is_loc_word(ch),
        category::UNI_DIGIT => is_uni_digit(ch),
        category::UNI_NOT_DIGIT => !is_uni_digit(ch),
        category::UNI_SPACE => is_uni_space(ch),
        category::UNI_NOT_SPACE => !is_uni_space(ch),
        category::UNI_WORD => is_uni_word(ch),
        category::UNI_NOT_WORD => !is_uni_word(ch),
        category::UNI_LINEBREAK => is_uni_linebreak(ch),
        category::UNI_NOT_LINEBREAK => !is_uni_linebreak(ch),
        _ => false,
    }
}

/// Whether `ch` equals the literal `pattern` up to locale case
/// (`char_loc_ignore`).
#[inline]
pub fn loc_ignore_eq(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}
