//! The values of string and bytes literals: prefixes, quotes and escape
//! sequences (Parser/string_parser.c's `decode_unicode_with_escapes` and
//! `decode_bytes_with_escapes`, Objects/unicodeobject.c's unicode-escape
//! decoder).
//!
//! Errors are returned as the message of the SyntaxError CPython raises,
//! `(unicode error) ...` or `(value error) ...`, with the codec's positions.

use crate::tokenizer::utf8_error_message;
use crate::wtf8::Wtf8String;

/// A literal's prefix letters.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prefix {
    pub bytes: bool,
    pub raw: bool,
    pub fstring: bool,
}

/// Splits a STRING token's text into its prefix and the range of its body
/// (between the quotes).
pub fn split_literal(text: &[u8]) -> (Prefix, std::ops::Range<usize>) {
    let mut prefix = Prefix::default();
    let mut i = 0;
    loop {
        match text[i] {
            b'b' | b'B' => prefix.bytes = true,
            b'r' | b'R' => prefix.raw = true,
            b'f' | b'F' => prefix.fstring = true,
            b'u' | b'U' => {}
            _ => break,
        }
        i += 1;
    }
    let quote = text[i];
    let triple = text.len() - i >= 6 && text[i + 1] == quote && text[i + 2] == quote;
    let quote_len = if triple { 3 } else { 1 };
    (prefix, i + quote_len..text.len() - quote_len)
}

/// The value of a str literal's body.
pub fn decode_str(body: &[u8], raw: bool) -> Result<Wtf8String, String> {
    if raw || !body.contains(&b'\\') {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok(Wtf8String::from(s)),
            Err(e) => Err(format!("(unicode error) {}", utf8_error_message(body, &e))),
        };
    }
    decode_unicode_escape(&to_escape_buffer(body)?)
}

/// CPython decodes escapes on a copy of the body in which every non-ASCII
/// character is written as `\UXXXXXXXX` (and a backslash before one as
/// `\u005c`), so the positions in its error messages count those.
fn to_escape_buffer(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len() + 16);
    let mut i = 0;
    while i < body.len() {
        if body[i] == b'\\' {
            out.push(b'\\');
            i += 1;
            if i >= body.len() || body[i] >= 0x80 {
                out.extend_from_slice(b"u005c");
                if i >= body.len() {
                    break;
                }
            }
        }
        if body[i] >= 0x80 {
            let run_end = body[i..]
                .iter()
                .position(|&b| b < 0x80)
                .map_or(body.len(), |n| i + n);
            let run = &body[i..run_end];
            let text = std::str::from_utf8(run)
                .map_err(|e| format!("(unicode error) {}", utf8_error_message(run, &e)))?;
            for c in text.chars() {
                out.extend_from_slice(format!("\\U{:08x}", c as u32).as_bytes());
            }
            i = run_end;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// The unicode-escape codec over an ASCII buffer.
fn decode_unicode_escape(s: &[u8]) -> Result<Wtf8String, String> {
    let mut out = Wtf8String::new();
    let mut i = 0;
    let error = |start: usize, end: usize, message: &str| {
        let what = if end - start == 1 {
            format!("can't decode byte 0x{:02x} in position {start}", s[start])
        } else {
            format!("can't decode bytes in position {}-{}", start, end - 1)
        };
        format!("(unicode error) 'unicodeescape' codec {what}: {message}")
    };
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(s[i] as char);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= s.len() {
            return Err(error(start, i, "\\ at end of string"));
        }
        let c = s[i];
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b't' => out.push('\t'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b'v' => out.push('\x0b'),
            b'a' => out.push('\x07'),
            b'0'..=b'7' => {
                let mut value = (c - b'0') as u32;
                for _ in 0..2 {
                    match s.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push_code_point(value);
            }
            b'x' | b'u' | b'U' => {
                let (count, message) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value: u32 = 0;
                for _ in 0..count {
                    let Some(d) = s.get(i).and_then(|&d| (d as char).to_digit(16)) else {
                        return Err(error(start, i, message));
                    };
                    value = value * 16 + d;
                    i += 1;
                }
                if value > 0x10FFFF {
                    return Err(error(start, i, "illegal Unicode character"));
                }
                out.push_code_point(value);
            }
            b'N' => {
                let message = "malformed \\N character escape";
                if i >= s.len() {
                    return Err(error(start, i, message));
                }
                if s[i] != b'{' {
                    return Err(error(start, i, message));
                }
                i += 1;
                let name_start = i;
                while i < s.len() && s[i] != b'}' {
                    i += 1;
                }
                if i >= s.len() {
                    return Err(error(start, i, message));
                }
                if i == name_start {
                    return Err(error(start, i, message));
                }
                let name = std::str::from_utf8(&s[name_start..i]).unwrap_or_default();
                i += 1;
                match lookup_character_name(name) {
                    Some(ch) => out.push(ch),
                    None => return Err(error(start, i, "unknown Unicode character name")),
                }
            }
            _ => {
                out.push('\\');
                out.push(c as char);
            }
        }
    }
    Ok(out)
}

/// `\N{name}`: a character by its Unicode name or alias.
fn lookup_character_name(name: &str) -> Option<char> {
    unicode_names2::character(name)
}

/// The value of a bytes literal's body (ASCII only; checked by the caller).
pub fn decode_bytes(body: &[u8], raw: bool) -> Result<Vec<u8>, String> {
    if raw || !body.contains(&b'\\') {
        return Ok(body.to_vec());
    }
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&c) = body.get(i) else {
            return Err("(value error) Trailing \\ in string".into());
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(0x0b),
            b'a' => out.push(0x07),
            b'0'..=b'7' => {
                let mut value = (c - b'0') as u32;
                for _ in 0..2 {
                    match body.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(value as u8);
            }
            b'x' => {
                let hex = |b: Option<&u8>| b.and_then(|&d| (d as char).to_digit(16));
                match (hex(body.get(i)), hex(body.get(i + 1))) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {start}"
                        ))
                    }
                }
            }
            _ => {
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &Wtf8String) -> String {
        s.code_points()
            .map(|cp| char::from_u32(cp).unwrap())
            .collect()
    }

    #[test]
    fn escapes_decode_as_in_python() {
        assert_eq!(
            text(&decode_str(br"a\tb\x41\u00e9\N{EURO SIGN}\101\q", false).unwrap()),
            "a\tbAé€A\\q"
        );
        assert_eq!(decode_bytes(br"\x00\777\n", false).unwrap(), b"\x00\xff\n");
    }

    #[test]
    fn errors_count_positions_in_the_escape_buffer() {
        assert_eq!(
            decode_str("é\\x".as_bytes(), false).unwrap_err(),
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-11: truncated \\xXX escape"
        );
        assert_eq!(
            decode_str(br"\N{FOO}", false).unwrap_err(),
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name"
        );
    }
}
