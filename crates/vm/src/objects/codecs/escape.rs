//! The escape codecs: `unicode_escape` and `raw_unicode_escape`
//! (Objects/unicodeobject.c), which read and write the backslash
//! escapes of Python's string literals, and `escape_encode` /
//! `escape_decode`, their bytes-to-bytes form for bytes literals
//! (Objects/bytesobject.c).

use crate::codecs::errors::DecodeFailure;
use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

/// `unicode_escape` encoding: printable ASCII as itself, `\t`, `\n`,
/// `\r` and `\\`, every other character as a hex escape.
pub fn unicode_escape_encode(points: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(points.len());
    for &c in points {
        match c {
            0x5C => out.extend_from_slice(b"\\\\"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c as u8),
            _ => out.extend_from_slice(crate::codecs::errors::backslash_escape(c).as_bytes()),
        }
    }
    out
}

/// `raw_unicode_escape` encoding: Latin-1 as itself, the rest as
/// `\uXXXX` or `\UXXXXXXXX`.
pub fn raw_unicode_escape_encode(points: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(points.len());
    for &c in points {
        if c < 0x100 {
            out.push(c as u8);
        } else {
            out.extend_from_slice(crate::codecs::errors::backslash_escape(c).as_bytes());
        }
    }
    out
}

/// The escapes of one character after the backslash: what they stand
/// for (nothing for an escaped newline), None for any other.
fn simple_escape(c: u8) -> Option<Option<u8>> {
    Some(match c {
        b'\n' => None,
        b'\\' | b'\'' | b'"' => Some(c),
        b'b' => Some(0x08),
        b'f' => Some(0x0C),
        b't' => Some(b'\t'),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b'v' => Some(0x0B),
        b'a' => Some(0x07),
        _ => return None,
    })
}

/// An octal escape of up to three digits, `first` the one after the
/// backslash and `i` just past it.
fn octal_escape(bytes: &[u8], first: u8, i: &mut usize) -> u32 {
    let mut value = u32::from(first - b'0');
    for _ in 0..2 {
        match bytes.get(*i) {
            Some(&d @ b'0'..=b'7') => {
                value = value * 8 + u32::from(d - b'0');
                *i += 1;
            }
            _ => break,
        }
    }
    value
}

fn hex_digit(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// How an escape ended: a character, or a failure with its reason,
/// where it ends, and whether more input could have completed it.
enum Escape {
    Char(u32),
    Failed {
        reason: &'static str,
        end: usize,
        incomplete: bool,
    },
}

/// Reads `count` hex digits from `at`: the value, or the failure.
fn hex_escape(bytes: &[u8], at: usize, count: usize, reason: &'static str) -> (Escape, usize) {
    let mut value: u32 = 0;
    for k in 0..count {
        let Some(&b) = bytes.get(at + k) else {
            let failed = Escape::Failed {
                reason,
                end: at + k,
                incomplete: true,
            };
            return (failed, at + k);
        };
        let Some(d) = hex_digit(b) else {
            let failed = Escape::Failed {
                reason,
                end: at + k,
                incomplete: false,
            };
            return (failed, at + k);
        };
        value = (value << 4) | d;
    }
    (Escape::Char(value), at + count)
}

/// `unicode_escape` decoding (`_PyUnicode_DecodeUnicodeEscapeInternal`).
/// Without `is_final`, an escape cut short by the end of the input is
/// left for the next call. Gives the code points and how many bytes
/// were read.
pub fn unicode_escape_decode(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    errors: &str,
    is_final: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut first_invalid = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'\\' {
            out.push(u32::from(b));
            i += 1;
            continue;
        }
        let start = i;
        let Some(&c) = bytes.get(i + 1) else {
            if !is_final {
                warn_invalid_escape(vm, bytes, first_invalid)?;
                return Ok((out, start));
            }
            let failed = Escape::Failed {
                reason: "\\ at end of string",
                end: bytes.len(),
                incomplete: true,
            };
            i = resolve(vm, object, bytes, errors, start, failed, &mut out)?;
            continue;
        };
        i += 2;
        if let Some(c) = simple_escape(c) {
            out.extend(c.map(u32::from));
            continue;
        }
        let escape = match c {
            b'0'..=b'7' => {
                let value = octal_escape(bytes, c, &mut i);
                if value > 0o377 {
                    first_invalid.get_or_insert(start + 1);
                }
                Escape::Char(value)
            }
            b'x' | b'u' | b'U' => {
                let (count, reason) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let (escape, next) = hex_escape(bytes, i, count, reason);
                i = next;
                match escape {
                    Escape::Char(value) if value > 0x10FFFF => Escape::Failed {
                        reason: "illegal Unicode character",
                        end: i,
                        incomplete: false,
                    },
                    escape => escape,
                }
            }
            b'N' => named_escape(bytes, &mut i),
            _ => {
                // An unknown escape is kept as it is.
                first_invalid.get_or_insert(start + 1);
                out.push(u32::from(b'\\'));
                out.push(u32::from(c));
                continue;
            }
        };
        match escape {
            Escape::Char(value) => out.push(value),
            Escape::Failed {
                incomplete: true, ..
            } if !is_final => {
                warn_invalid_escape(vm, bytes, first_invalid)?;
                return Ok((out, start));
            }
            failed => i = resolve(vm, object, bytes, errors, start, failed, &mut out)?,
        }
    }
    warn_invalid_escape(vm, bytes, first_invalid)?;
    Ok((out, i))
}

/// The DeprecationWarning for the first escape a string literal would
/// not accept, the character after its backslash at `at`.
fn warn_invalid_escape(vm: &Vm, bytes: &[u8], at: Option<usize>) -> PyResult<()> {
    let Some(at) = at else {
        return Ok(());
    };
    let message = if (b'4'..=b'7').contains(&bytes[at]) {
        let digits = &bytes[at..(at + 3).min(bytes.len())];
        format!(
            "invalid octal escape sequence '\\{}'",
            String::from_utf8_lossy(digits)
        )
    } else {
        format!("invalid escape sequence '\\{}'", char::from(bytes[at]))
    };
    crate::warnings::warn(vm, &vm.exceptions.deprecation_warning, &message, 1)
}

/// `\N{name}`, `i` just after the `N`.
fn named_escape(bytes: &[u8], i: &mut usize) -> Escape {
    let malformed = "malformed \\N character escape";
    let failed = |reason, end, incomplete| Escape::Failed {
        reason,
        end,
        incomplete,
    };
    match bytes.get(*i) {
        None => return failed(malformed, *i, true),
        Some(b'{') => {}
        Some(_) => return failed(malformed, *i, false),
    }
    *i += 1;
    let name_start = *i;
    while *i < bytes.len() && bytes[*i] != b'}' {
        *i += 1;
    }
    if *i >= bytes.len() {
        return failed(malformed, *i, true);
    }
    if *i == name_start {
        return failed(malformed, *i, false);
    }
    let name = std::str::from_utf8(&bytes[name_start..*i]).ok();
    *i += 1;
    match name.and_then(unicode_names2::character) {
        Some(c) => Escape::Char(u32::from(c)),
        None => failed("unknown Unicode character name", *i, false),
    }
}

/// Asks the error handler about a failed escape starting at `start`;
/// gives the position to go on from.
fn resolve(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    errors: &str,
    start: usize,
    failed: Escape,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    let Escape::Failed { reason, end, .. } = failed else {
        return Ok(start);
    };
    let failure = DecodeFailure {
        encoding: "unicodeescape",
        object,
        bytes,
        start,
        end,
        reason,
    };
    failure.resolve(vm, errors, out)
}

/// `raw_unicode_escape` decoding: only `\uXXXX` and `\UXXXXXXXX` are
/// escapes, and only after an odd number of backslashes.
pub fn raw_unicode_escape_decode(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    errors: &str,
    is_final: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(u32::from(bytes[i]));
            i += 1;
            continue;
        }
        // Backslashes pair up; only an odd one out may start an escape.
        let start = i;
        i += 1;
        let count = match bytes.get(i) {
            None if !is_final => return Ok((out, start)),
            Some(b'\\') => {
                out.extend([u32::from(b'\\'); 2]);
                i += 1;
                continue;
            }
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                out.push(u32::from(b'\\'));
                continue;
            }
        };
        let reason = if count == 4 {
            "truncated \\uXXXX escape"
        } else {
            "truncated \\UXXXXXXXX escape"
        };
        let (escape, next) = hex_escape(bytes, i + 1, count, reason);
        i = next;
        let (reason, end) = match escape {
            Escape::Char(value) if value <= 0x10FFFF => {
                out.push(value);
                continue;
            }
            Escape::Char(_) => ("\\Uxxxxxxxx out of range", i),
            Escape::Failed {
                incomplete: true, ..
            } if !is_final => return Ok((out, start)),
            Escape::Failed { reason, end, .. } => (reason, end),
        };
        let failure = DecodeFailure {
            encoding: "rawunicodeescape",
            object,
            bytes,
            start,
            end,
            reason,
        };
        i = failure.resolve(vm, errors, &mut out)?;
    }
    Ok((out, i))
}

/// `codecs.escape_encode`: bytes as a bytes literal writes them, without
/// the quotes (`PyBytes_Repr`'s escaping, single quotes escaped).
pub fn escape_encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\\' | b'\'' => out.extend([b'\\', b]),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    out
}

/// `codecs.escape_decode`: the escapes of a bytes literal
/// (`_PyBytes_DecodeEscape`). A bad `\x` escape is a ValueError unless
/// `errors` is `ignore` or `replace`.
pub fn escape_decode(vm: &Vm, bytes: &[u8], errors: &str) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut first_invalid = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&c) = bytes.get(i + 1) else {
            return Err(vm.new_value_error("Trailing \\ in string"));
        };
        i += 2;
        if let Some(c) = simple_escape(c) {
            out.extend(c);
            continue;
        }
        match c {
            b'0'..=b'7' => {
                let value = octal_escape(bytes, c, &mut i);
                // Values above 0o377 keep their low byte, as CPython's do.
                if value > 0o377 {
                    first_invalid.get_or_insert(start + 1);
                }
                out.push(value as u8);
            }
            b'x' => {
                let high = bytes.get(i).copied().and_then(hex_digit);
                let low = bytes.get(i + 1).copied().and_then(hex_digit);
                if let (Some(high), Some(low)) = (high, low) {
                    out.push((high * 16 + low) as u8);
                    i += 2;
                    continue;
                }
                match errors {
                    "strict" => {
                        return Err(
                            vm.new_value_error(format!("invalid \\x escape at position {start}"))
                        )
                    }
                    "replace" => out.push(b'?'),
                    "ignore" => {}
                    other => {
                        return Err(vm.new_value_error(format!(
                            "decoding error; unknown error handling code: {other}"
                        )))
                    }
                }
                // The valid digit, if any, goes with the bad escape.
                if high.is_some() {
                    i += 1;
                }
            }
            _ => {
                first_invalid.get_or_insert(start + 1);
                out.extend([b'\\', c]);
            }
        }
    }
    warn_invalid_escape(vm, bytes, first_invalid)?;
    Ok(out)
}
