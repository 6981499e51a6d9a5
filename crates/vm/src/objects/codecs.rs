//! The codecs built into the str and bytes types: UTF-8, ASCII and
//! Latin-1, both ways, with the standard error handlers
//! (Objects/unicodeobject.c's encoders and decoders, Python/codecs.c's
//! `strict`, `ignore`, `replace`, `backslashreplace`,
//! `xmlcharrefreplace`, `surrogateescape` and `surrogatepass`).
//!
//! An error handler is asked about a whole run of characters (or bytes)
//! that cannot be converted, as in CPython, so that a strict failure
//! reports the same start and end.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::typeobject::Args;
use crate::vm::Vm;

/// A codec this module implements.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The codec's name as error messages give it.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

impl Codec {
    /// The codec's own name, as `codecs.lookup(name).name` gives it.
    pub fn canonical_name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "iso8859-1",
        }
    }
}

/// The codec an encoding name stands for, after the normalization of
/// `encodings.normalize_encoding` and the aliases of `encodings.aliases`;
/// LookupError for any other.
pub fn lookup(vm: &Vm, encoding: &str) -> PyResult<Codec> {
    let normalized: String = encoding
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match normalized.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Ok(Codec::Utf8),
        "ascii" | "646" | "us_ascii" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
        | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991"
        | "iso_ir_6" => Ok(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_8859_1_1987" | "iso_ir_100" | "csisolatin1" | "ibm819" => Ok(Codec::Latin1),
        _ => Err(vm.new_exception(
            &vm.exceptions.lookup_error,
            format!("unknown encoding: {encoding}"),
        )),
    }
}

fn unknown_handler(vm: &Vm, errors: &str) -> PyErr {
    vm.new_exception(
        &vm.exceptions.lookup_error,
        format!("unknown error handler name '{errors}'"),
    )
}

/// Calls an exception type with CPython's five arguments of a
/// UnicodeEncodeError or UnicodeDecodeError.
fn unicode_error(
    vm: &Vm,
    ty: &Object,
    codec: Codec,
    object: &Object,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let args = [
        vm.new_str(codec.name()),
        object.clone(),
        vm.new_int(start as i64),
        vm.new_int(end as i64),
        vm.new_str(reason),
    ];
    match vm.call(ty, Args::positional_only(&args)) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// Encodes the code points of `text` (the str object, for the error).
pub fn encode(
    vm: &Vm,
    text: &Object,
    points: &[u32],
    codec: Codec,
    errors: &str,
) -> PyResult<Vec<u8>> {
    let limit = match codec {
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
        Codec::Utf8 => 0x11_0000,
    };
    let unencodable = |c: u32| c >= limit || (codec == Codec::Utf8 && is_surrogate(c));
    let mut out = Vec::with_capacity(points.len());
    let mut i = 0;
    while i < points.len() {
        let c = points[i];
        if !unencodable(c) {
            push_encoded(&mut out, codec, c);
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < points.len() && unencodable(points[end]) {
            end += 1;
        }
        let run = &points[start..end];
        match errors {
            "strict" => {}
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', run.len())),
            "backslashreplace" => {
                for &c in run {
                    out.extend_from_slice(backslash_escape(c).as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in run {
                    out.extend_from_slice(format!("&#{c};").as_bytes());
                }
            }
            "surrogateescape" => {
                if let Some(bad) = run.iter().position(|c| !(0xDC80..=0xDCFF).contains(c)) {
                    let bad = start + bad;
                    return Err(encode_error(vm, codec, text, bad, bad + 1));
                }
                out.extend(run.iter().map(|&c| (c - 0xDC00) as u8));
            }
            "surrogatepass" if codec == Codec::Utf8 => {
                for &c in run {
                    push_encoded(&mut out, Codec::Utf8, c);
                }
            }
            "surrogatepass" => {}
            other => return Err(unknown_handler(vm, other)),
        }
        if errors == "strict" || (errors == "surrogatepass" && codec != Codec::Utf8) {
            return Err(encode_error(vm, codec, text, start, end));
        }
        i = end;
    }
    Ok(out)
}

fn encode_error(vm: &Vm, codec: Codec, text: &Object, start: usize, end: usize) -> PyErr {
    let reason = match codec {
        Codec::Ascii => "ordinal not in range(128)",
        Codec::Latin1 => "ordinal not in range(256)",
        Codec::Utf8 => "surrogates not allowed",
    };
    unicode_error(
        vm,
        &vm.exceptions.unicode_encode_error,
        codec,
        text,
        start,
        end,
        reason,
    )
}

fn is_surrogate(c: u32) -> bool {
    (0xD800..=0xDFFF).contains(&c)
}

fn push_encoded(out: &mut Vec<u8>, codec: Codec, c: u32) {
    match codec {
        Codec::Ascii | Codec::Latin1 => out.push(c as u8),
        Codec::Utf8 => match c {
            0..=0x7F => out.push(c as u8),
            0x80..=0x7FF => out.extend([0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]),
            0x800..=0xFFFF => out.extend([
                0xE0 | (c >> 12) as u8,
                0x80 | ((c >> 6) & 0x3F) as u8,
                0x80 | (c & 0x3F) as u8,
            ]),
            _ => out.extend([
                0xF0 | (c >> 18) as u8,
                0x80 | ((c >> 12) & 0x3F) as u8,
                0x80 | ((c >> 6) & 0x3F) as u8,
                0x80 | (c & 0x3F) as u8,
            ]),
        },
    }
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
fn backslash_escape(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{c:02x}")
    } else if c < 0x10000 {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

/// Decodes `bytes` (of the bytes-like object `object`, for the error)
/// to code points.
pub fn decode(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    codec: Codec,
    errors: &str,
) -> PyResult<Vec<u32>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let (c, len, reason) = match codec {
            Codec::Latin1 => (u32::from(bytes[i]), 1, ""),
            Codec::Ascii if bytes[i] < 0x80 => (u32::from(bytes[i]), 1, ""),
            Codec::Ascii => (0, 1, "ordinal not in range(128)"),
            Codec::Utf8 => utf8_sequence(&bytes[i..], errors == "surrogatepass"),
        };
        if reason.is_empty() {
            out.push(c);
            i += len;
            continue;
        }
        let end = i + len;
        match errors {
            "strict" => {
                return Err(unicode_error(
                    vm,
                    &vm.exceptions.unicode_decode_error,
                    codec,
                    object,
                    i,
                    end,
                    reason,
                ))
            }
            "ignore" => {}
            "replace" => out.push(0xFFFD),
            "backslashreplace" => {
                for &b in &bytes[i..end] {
                    out.extend(format!("\\x{b:02x}").chars().map(u32::from));
                }
            }
            "surrogateescape" => {
                for &b in &bytes[i..end] {
                    if b < 0x80 {
                        return Err(unicode_error(
                            vm,
                            &vm.exceptions.unicode_decode_error,
                            codec,
                            object,
                            i,
                            end,
                            reason,
                        ));
                    }
                    out.push(0xDC00 + u32::from(b));
                }
            }
            "surrogatepass" => {
                return Err(unicode_error(
                    vm,
                    &vm.exceptions.unicode_decode_error,
                    codec,
                    object,
                    i,
                    end,
                    reason,
                ))
            }
            other => return Err(unknown_handler(vm, other)),
        }
        i = end;
    }
    Ok(out)
}

/// The code point at the start of `bytes`, which is not empty, and its
/// length; or, for invalid UTF-8, the length of the maximal invalid
/// prefix and CPython's reason. With `surrogates`, encoded surrogates
/// are accepted (`surrogatepass`).
fn utf8_sequence(bytes: &[u8], surrogates: bool) -> (u32, usize, &'static str) {
    let b0 = bytes[0];
    let (len, min_second, max_second) = match b0 {
        0x00..=0x7F => return (u32::from(b0), 1, ""),
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xED if !surrogates => (3, 0x80, 0x9F),
        0xE1..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return (0, 1, "invalid start byte"),
    };
    let mut c = u32::from(b0) & (0x7F >> len);
    for k in 1..len {
        let Some(&b) = bytes.get(k) else {
            return (0, k, "unexpected end of data");
        };
        let (lo, hi) = if k == 1 {
            (min_second, max_second)
        } else {
            (0x80, 0xBF)
        };
        if !(lo..=hi).contains(&b) {
            return (0, k, "invalid continuation byte");
        }
        c = (c << 6) | u32::from(b & 0x3F);
    }
    (c, len, "")
}
