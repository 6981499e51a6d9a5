//! From the bytes of a source file to the UTF-8 buffer the tokenizer reads,
//! as CPython's Parser/tokenizer.c does for source given as bytes:
//! newlines normalised to `\n` (with one added at the end if missing), a
//! UTF-8 byte order mark stripped, and a PEP 263 coding declaration on the
//! first or second line obeyed.
//!
//! Source in UTF-8, declared or not, is not validated here: as in CPython,
//! bad bytes are found where the tokenizer meets them, in a name or a
//! string literal, and reported there.

use crate::error::SyntaxError;
use std::borrow::Cow;

/// The source as the tokenizer reads it.
pub struct DecodedSource<'a> {
    /// UTF-8 (unless the source holds invalid bytes), ending with `\n`:
    /// the source itself when that needs no change, as most files.
    pub text: Cow<'a, [u8]>,
    /// Whether the source declared its encoding (by a coding cookie or a
    /// byte order mark). CPython's parser gives character offsets in error
    /// messages only then, and byte offsets otherwise.
    pub declared_encoding: bool,
    /// Whether a UTF-8 byte order mark was stripped.
    pub had_bom: bool,
}

/// Decodes `source` for the tokenizer.
pub fn decode_source(source: &[u8]) -> Result<DecodedSource<'_>, SyntaxError> {
    let text = translate_newlines(source);
    let (text, has_bom) = match text.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (Cow::Owned(rest.to_vec()), true),
        None => (text, false),
    };
    let Some(cookie) = find_coding_cookie(&text) else {
        return Ok(DecodedSource {
            text,
            declared_encoding: has_bom,
            had_bom: has_bom,
        });
    };
    if has_bom && cookie != "utf-8" {
        return Err(SyntaxError::whole_source(format!(
            "encoding problem: {cookie} with BOM"
        )));
    }
    let text = if cookie == "utf-8" {
        text
    } else {
        Cow::Owned(decode_with(&cookie, &text)?)
    };
    Ok(DecodedSource {
        text,
        declared_encoding: true,
        had_bom: has_bom,
    })
}

/// `\r\n` and lone `\r` become `\n`, and the text ends with `\n`.
fn translate_newlines(source: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr(b'\r', source).is_none() {
        if source.last() == Some(&b'\n') {
            return Cow::Borrowed(source);
        }
        let mut out = Vec::with_capacity(source.len() + 1);
        out.extend_from_slice(source);
        out.push(b'\n');
        return Cow::Owned(out);
    }
    let mut out = Vec::with_capacity(source.len() + 1);
    let mut bytes = source.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\r' {
            bytes.next_if_eq(&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    Cow::Owned(out)
}

/// The encoding a PEP 263 declaration names, normalised as CPython's
/// `get_normal_name` does. Only the first line, or the second when the
/// first holds nothing but a comment or blanks, may declare it.
fn find_coding_cookie(text: &[u8]) -> Option<String> {
    let mut lines = text.split_inclusive(|&b| b == b'\n');
    let first = lines.next()?;
    let first_without_newline = &first[..first.len() - 1];
    if let Some(name) = coding_spec(first_without_newline) {
        return Some(name);
    }
    let first_is_blank_or_comment = first
        .iter()
        .take_while(|&&b| b != b'#' && b != b'\n')
        .all(|&b| matches!(b, b' ' | b'\t' | b'\x0c'));
    if !first_is_blank_or_comment {
        return None;
    }
    // CPython measures the second line from the newline that ends the first.
    let second = lines.next()?;
    let mut with_newline = Vec::with_capacity(second.len() + 1);
    with_newline.push(b'\n');
    with_newline.extend_from_slice(second);
    coding_spec_with_leading_newline(&with_newline)
}

fn coding_spec(line: &[u8]) -> Option<String> {
    coding_spec_in(line, 0)
}

fn coding_spec_with_leading_newline(line: &[u8]) -> Option<String> {
    // The leading newline counts toward the length but is neither blank
    // nor `#`, so the comment search starts after it.
    coding_spec_in(line, 1)
}

/// tokenizer.c's `get_coding_spec`: `coding[:=]` followed by a name, inside
/// a comment that is all the line holds. The search stops 6 bytes before
/// the end, as CPython's does.
fn coding_spec_in(line: &[u8], start: usize) -> Option<String> {
    let limit = line.len().saturating_sub(6);
    let mut i = start;
    while i < limit {
        match line[i] {
            b'#' => break,
            b' ' | b'\t' | b'\x0c' => i += 1,
            _ => return None,
        }
    }
    while i < limit {
        if line[i..].starts_with(b"coding") && matches!(line.get(i + 6), Some(b':' | b'=')) {
            let mut t = i + 7;
            while matches!(line.get(t), Some(b' ' | b'\t')) {
                t += 1;
            }
            let begin = t;
            while line
                .get(t)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            {
                t += 1;
            }
            if begin < t {
                let name = String::from_utf8_lossy(&line[begin..t]).into_owned();
                return Some(normal_name(name));
            }
        }
        i += 1;
    }
    None
}

/// CPython's `get_normal_name`: the spellings of UTF-8 and Latin-1 that the
/// tokenizer recognises itself, judged on the first 12 characters.
fn normal_name(name: String) -> String {
    let head: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if head == "utf-8" || head.starts_with("utf-8-") {
        return "utf-8".into();
    }
    let latin1 = ["latin-1", "iso-8859-1", "iso-latin-1"];
    if latin1
        .iter()
        .any(|l| head == *l || head.starts_with(&format!("{l}-")))
    {
        return "iso-8859-1".into();
    }
    name
}

/// The codecs a coding declaration can name, under the names and aliases
/// Python's `encodings` package gives them.
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    Other(&'static encoding_rs::Encoding, &'static str),
}

fn lookup_codec(name: &str) -> Option<Codec> {
    let key: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    use encoding_rs as e;
    Some(match key.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "ibm819" | "iso_8859_1_1987" => Codec::Latin1,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "iso646_us"
        | "iso_646.irv_1991" | "cp367" | "ibm367" | "csascii" => Codec::Ascii,
        "cp1252" | "windows_1252" => Codec::Other(e::WINDOWS_1252, "charmap"),
        "iso8859_15" | "iso_8859_15" | "latin9" | "l9" => Codec::Other(e::ISO_8859_15, "charmap"),
        "koi8_r" => Codec::Other(e::KOI8_R, "charmap"),
        "koi8_u" => Codec::Other(e::KOI8_U, "charmap"),
        "cp1251" | "windows_1251" => Codec::Other(e::WINDOWS_1251, "charmap"),
        "shift_jis" | "sjis" | "s_jis" | "shiftjis" | "csshiftjis" => {
            Codec::Other(e::SHIFT_JIS, "shift_jis")
        }
        "cp932" | "ms932" | "mskanji" | "ms_kanji" => Codec::Other(e::SHIFT_JIS, "cp932"),
        "euc_jp" | "eucjp" | "ujis" | "u_jis" => Codec::Other(e::EUC_JP, "euc_jp"),
        "cp949" | "ms949" | "uhc" => Codec::Other(e::EUC_KR, "cp949"),
        "euc_kr" | "euckr" | "korean" | "ksc5601" => Codec::Other(e::EUC_KR, "euc_kr"),
        "gbk" | "cp936" | "ms936" | "936" => Codec::Other(e::GBK, "gbk"),
        "gb18030" | "gb18030_2000" => Codec::Other(e::GB18030, "gb18030"),
        "big5" | "big5_tw" | "csbig5" => Codec::Other(e::BIG5, "big5"),
        _ => return None,
    })
}

/// Decodes the whole text from the declared encoding into UTF-8, failing as
/// Python's codec would.
fn decode_with(name: &str, text: &[u8]) -> Result<Vec<u8>, SyntaxError> {
    let codec = lookup_codec(name)
        .ok_or_else(|| SyntaxError::whole_source(format!("unknown encoding: {name}")))?;
    let decode_error = |codec_name: &str, position: usize, reason: &str| {
        SyntaxError::whole_source(format!(
            "'{codec_name}' codec can't decode byte 0x{:02x} in position {position}: {reason}",
            text[position]
        ))
    };
    match codec {
        Codec::Utf8 => match std::str::from_utf8(text) {
            Ok(_) => Ok(text.to_vec()),
            Err(e) => Err(SyntaxError::whole_source(
                crate::tokenizer::utf8_error_message(text, &e),
            )),
        },
        Codec::Latin1 => Ok(text
            .iter()
            .map(|&b| b as char)
            .collect::<String>()
            .into_bytes()),
        Codec::Ascii => match text.iter().position(|b| !b.is_ascii()) {
            None => Ok(text.to_vec()),
            Some(position) => Err(decode_error("ascii", position, "ordinal not in range(128)")),
        },
        Codec::Other(encoding, codec_name) => {
            match encoding.decode_without_bom_handling_and_without_replacement(text) {
                Some(decoded) => Ok(decoded.into_owned().into_bytes()),
                None => {
                    let position = first_undecodable(encoding, text);
                    let reason = if codec_name == "charmap" {
                        "character maps to <undefined>"
                    } else {
                        "illegal multibyte sequence"
                    };
                    Err(decode_error(codec_name, position, reason))
                }
            }
        }
    }
}

/// Where decoding with `encoding` first fails.
fn first_undecodable(encoding: &'static encoding_rs::Encoding, text: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(text.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(text, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_normalised_and_terminated() {
        assert_eq!(&*translate_newlines(b"a\r\nb\rc"), b"a\nb\nc\n");
        assert_eq!(&*translate_newlines(b""), b"\n");
    }

    #[test]
    fn cookies_on_the_first_two_lines_only() {
        assert_eq!(
            find_coding_cookie(b"# -*- coding: latin-1 -*-\n"),
            Some("iso-8859-1".into())
        );
        assert_eq!(
            find_coding_cookie(b"#!/usr/bin/env python\n# coding=UTF_8\n"),
            Some("utf-8".into())
        );
        assert_eq!(find_coding_cookie(b"x = 1\n# coding: latin-1\n"), None);
        assert_eq!(find_coding_cookie(b"\n\n# coding: latin-1\n"), None);
    }

    #[test]
    fn latin1_is_decoded_to_utf8() {
        let decoded = decode_source(b"# coding: latin-1\nx = '\xff'\n")
            .ok()
            .unwrap();
        assert_eq!(decoded.text, "# coding: latin-1\nx = 'ÿ'\n".as_bytes());
        assert!(decoded.declared_encoding);
    }
}
