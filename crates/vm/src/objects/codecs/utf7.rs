//! UTF-7 (RFC 2152; Objects/unicodeobject.c's `_PyUnicode_EncodeUTF7`
//! and `PyUnicode_DecodeUTF7Stateful`): ASCII as itself, everything
//! else as UTF-16 in modified base64 between `+` and an optional `-`.

use crate::codecs::errors::DecodeFailure;
use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

/// How RFC 2152 classes an ASCII character: 0 direct, 1 optionally
/// direct (set O), 2 white space, 3 special (always base64).
fn category(c: u32) -> u8 {
    match char::from_u32(c).unwrap_or('\0') {
        '\t' | '\n' | '\r' | ' ' => 2,
        '\'' | '(' | ')' | ',' | '-' | '.' | '/' | ':' | '?' => 0,
        c if c.is_ascii_alphanumeric() => 0,
        '!' | '"' | '#' | '$' | '%' | '&' | '*' | ';' | '<' | '=' | '>' | '@' | '[' | ']' | '^'
        | '_' | '`' | '{' | '|' | '}' => 1,
        _ => 3,
    }
}

/// Whether the encoder writes `c` as itself (sets O and white space
/// included, as CPython's encoder does).
fn encode_direct(c: u32) -> bool {
    c > 0 && c < 128 && category(c) != 3
}

fn is_base64(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
}

fn to_base64(n: u32) -> u8 {
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[(n & 0x3F) as usize]
}

fn from_base64(c: u8) -> u32 {
    u32::from(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    })
}

/// Encodes code points as UTF-7; it cannot fail.
pub fn encode(points: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(points.len());
    let mut in_shift = false;
    let mut bits = 0u32;
    let mut buffer = 0u64;
    let push_unit = |out: &mut Vec<u8>, bits: &mut u32, buffer: &mut u64, unit: u32| {
        *bits += 16;
        *buffer = (*buffer << 16) | u64::from(unit);
        while *bits >= 6 {
            out.push(to_base64((*buffer >> (*bits - 6)) as u32));
            *bits -= 6;
        }
        *buffer &= (1 << *bits) - 1;
    };
    for &c in points {
        if in_shift {
            if encode_direct(c) {
                if bits > 0 {
                    out.push(to_base64((buffer << (6 - bits)) as u32));
                    buffer = 0;
                    bits = 0;
                }
                in_shift = false;
                // A character that could be read as base64 ends the
                // shift explicitly.
                if is_base64(c) || c == u32::from('-') {
                    out.push(b'-');
                }
                out.push(c as u8);
                continue;
            }
        } else if c == u32::from('+') {
            out.extend_from_slice(b"+-");
            continue;
        } else if encode_direct(c) {
            out.push(c as u8);
            continue;
        } else {
            out.push(b'+');
            in_shift = true;
        }
        if c >= 0x10000 {
            let v = c - 0x10000;
            push_unit(&mut out, &mut bits, &mut buffer, 0xD800 | (v >> 10));
            push_unit(&mut out, &mut bits, &mut buffer, 0xDC00 | (v & 0x3FF));
        } else {
            push_unit(&mut out, &mut bits, &mut buffer, c);
        }
    }
    if bits > 0 {
        out.push(to_base64((buffer << (6 - bits)) as u32));
    }
    if in_shift {
        out.push(b'-');
    }
    out
}

/// Decodes UTF-7. Without `is_final`, a shift sequence still open at
/// the end is left for the next call. Gives the code points and how
/// many bytes were read.
pub fn decode(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    errors: &str,
    is_final: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out: Vec<u32> = Vec::with_capacity(bytes.len());
    let mut in_shift = false;
    let mut bits = 0u32;
    let mut buffer = 0u64;
    let mut surrogate = 0u32;
    let mut shift_start = 0;
    let mut shift_out_start = 0;
    let mut i = 0;
    loop {
        while i < bytes.len() {
            let b = bytes[i];
            let c = u32::from(b);
            let (start, reason) = if in_shift {
                if is_base64(c) {
                    buffer = (buffer << 6) | u64::from(from_base64(b));
                    bits += 6;
                    i += 1;
                    if bits >= 16 {
                        let unit = (buffer >> (bits - 16)) as u32;
                        bits -= 16;
                        buffer &= (1 << bits) - 1;
                        if surrogate != 0 {
                            if (0xDC00..=0xDFFF).contains(&unit) {
                                out.push(0x10000 + ((surrogate - 0xD800) << 10) + (unit - 0xDC00));
                                surrogate = 0;
                                continue;
                            }
                            out.push(surrogate);
                            surrogate = 0;
                        }
                        if (0xD800..=0xDBFF).contains(&unit) {
                            surrogate = unit;
                        } else {
                            out.push(unit);
                        }
                    }
                    continue;
                }
                in_shift = false;
                if bits >= 6 {
                    i += 1;
                    (shift_start, "partial character in shift sequence")
                } else if bits > 0 && buffer != 0 {
                    i += 1;
                    (shift_start, "non-zero padding bits in shift sequence")
                } else {
                    if surrogate != 0 && c <= 127 && b != b'+' {
                        out.push(surrogate);
                    }
                    surrogate = 0;
                    // A '-' ending the shift is absorbed; any other
                    // character stays.
                    if b == b'-' {
                        i += 1;
                    }
                    continue;
                }
            } else if b == b'+' {
                let start = i;
                i += 1;
                match bytes.get(i) {
                    Some(b'-') => {
                        i += 1;
                        out.push(u32::from('+'));
                        continue;
                    }
                    Some(&next) if !is_base64(u32::from(next)) => {
                        i += 1;
                        (start, "ill-formed sequence")
                    }
                    _ => {
                        in_shift = true;
                        surrogate = 0;
                        shift_start = start;
                        shift_out_start = out.len();
                        bits = 0;
                        buffer = 0;
                        continue;
                    }
                }
            } else if c <= 127 {
                out.push(c);
                i += 1;
                continue;
            } else {
                i += 1;
                (i - 1, "unexpected special character")
            };
            let failure = DecodeFailure {
                encoding: "utf7",
                object,
                bytes,
                start,
                end: i,
                reason,
            };
            i = failure.resolve(vm, errors, &mut out)?;
        }
        if in_shift && is_final {
            in_shift = false;
            if surrogate != 0 || bits >= 6 || (bits > 0 && buffer != 0) {
                let failure = DecodeFailure {
                    encoding: "utf7",
                    object,
                    bytes,
                    start: shift_start,
                    end: bytes.len(),
                    reason: "unterminated shift sequence",
                };
                i = failure.resolve(vm, errors, &mut out)?;
                if i < bytes.len() {
                    continue;
                }
            }
        }
        break;
    }
    if in_shift {
        // An open shift sequence is read again with what follows.
        out.truncate(shift_out_start);
        return Ok((out, shift_start));
    }
    Ok((out, i))
}
