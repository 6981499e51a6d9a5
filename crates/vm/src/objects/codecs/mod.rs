//! The codecs of Objects/unicodeobject.c: UTF-8, ASCII and Latin-1,
//! which str and bytes use without the registry, and in the files of
//! this folder the others `_codecs` offers Lib/encodings (UTF-16 and
//! UTF-32, UTF-7, charmap, the escape codecs).
//!
//! A codec finds each run of characters (or bytes) it cannot convert
//! and asks the error handler about the whole run, as CPython's do, so
//! that errors report the same start and end
//! (`crate::codecs::errors`).

pub mod charmap;
pub mod escape;
pub mod utf16;
pub mod utf7;

use crate::codecs::errors::{handle_encode, DecodeFailure, EncodeFailure, Replacement};
use crate::errors::PyResult;
use crate::object::Object;
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

/// The codec built in here that an encoding name stands for, after the
/// registry's normalization and the aliases of `encodings.aliases`.
pub fn builtin(encoding: &str) -> Option<Codec> {
    match crate::codecs::normalize_encoding(encoding).as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => {
            Some(Codec::Utf8)
        }
        "ascii" | "646" | "us_ascii" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
        | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991"
        | "iso_ir_6" => Some(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_8859_1_1987" | "iso_ir_100" | "csisolatin1" | "ibm819" => Some(Codec::Latin1),
        _ => None,
    }
}

/// The built-in codec an encoding name stands for; LookupError for any
/// other.
pub fn lookup(vm: &Vm, encoding: &str) -> PyResult<Codec> {
    builtin(encoding).ok_or_else(|| {
        vm.new_exception(
            &vm.exceptions.lookup_error,
            format!("unknown encoding: {encoding}"),
        )
    })
}

impl Codec {
    /// Whether the codec can write `c`.
    fn encodes(self, c: u32) -> bool {
        match self {
            Codec::Ascii => c < 0x80,
            Codec::Latin1 => c < 0x100,
            Codec::Utf8 => !is_surrogate(c),
        }
    }

    /// Whether a handler's text may hold `c`: what the codec can write,
    /// and for UTF-8 ASCII only, as CPython's encoder wants.
    fn accepts_replacement(self, c: u32) -> bool {
        match self {
            Codec::Utf8 => c < 0x80,
            _ => self.encodes(c),
        }
    }

    fn encode_reason(self) -> &'static str {
        match self {
            Codec::Ascii => "ordinal not in range(128)",
            Codec::Latin1 => "ordinal not in range(256)",
            Codec::Utf8 => "surrogates not allowed",
        }
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
    let mut out = Vec::with_capacity(points.len());
    let mut i = 0;
    while i < points.len() {
        let c = points[i];
        if codec.encodes(c) {
            push_encoded(&mut out, codec, c);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < points.len() && !codec.encodes(points[end]) {
            end += 1;
        }
        if errors == "surrogateescape" {
            // These codecs write the escaped bytes they meet first, and
            // ask the handler about the rest of the run from the first
            // character it cannot take.
            while i < end && (0xDC80..=0xDCFF).contains(&points[i]) {
                out.push((points[i] - 0xDC00) as u8);
                i += 1;
            }
            if i == end {
                continue;
            }
        }
        let failure = EncodeFailure {
            encoding: codec.name(),
            text,
            points,
            start: i,
            end,
            reason: codec.encode_reason(),
        };
        let (replacement, resume) = handle_encode(vm, errors, &failure)?;
        match replacement {
            Replacement::Bytes(bytes) => out.extend(bytes),
            Replacement::Str(text) => {
                for c in text {
                    if !codec.accepts_replacement(c) {
                        return Err(failure.exception(vm));
                    }
                    push_encoded(&mut out, codec, c);
                }
            }
        }
        i = resume;
    }
    Ok(out)
}

pub(crate) fn is_surrogate(c: u32) -> bool {
    (0xD800..=0xDFFF).contains(&c)
}

/// Appends the UTF-8 form of `c` (a surrogate too).
pub(crate) fn push_utf8(out: &mut Vec<u8>, c: u32) {
    match c {
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
    }
}

fn push_encoded(out: &mut Vec<u8>, codec: Codec, c: u32) {
    match codec {
        Codec::Ascii | Codec::Latin1 => out.push(c as u8),
        Codec::Utf8 => push_utf8(out, c),
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
    decode_prefix(vm, object, bytes, codec, errors, true).map(|(points, _)| points)
}

/// Decodes what it can of `bytes`: all of them if `is_final`, else up
/// to an incomplete sequence at the end, which it leaves for the next
/// call. Gives the code points and how many bytes were read.
pub fn decode_prefix(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    codec: Codec,
    errors: &str,
    is_final: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let (c, len, reason) = match codec {
            Codec::Latin1 => (u32::from(bytes[i]), 1, ""),
            Codec::Ascii if bytes[i] < 0x80 => (u32::from(bytes[i]), 1, ""),
            Codec::Ascii => (0, 1, "ordinal not in range(128)"),
            Codec::Utf8 => utf8_sequence(&bytes[i..]),
        };
        if reason.is_empty() {
            out.push(c);
            i += len;
            continue;
        }
        if !is_final && reason == UNEXPECTED_END {
            break;
        }
        let failure = DecodeFailure {
            encoding: codec.name(),
            object,
            bytes,
            start: i,
            end: i + len,
            reason,
        };
        i = failure.resolve(vm, errors, &mut out)?;
    }
    Ok((out, i))
}

const UNEXPECTED_END: &str = "unexpected end of data";

/// The code point at the start of `bytes`, which is not empty, and its
/// length; or, for invalid UTF-8, the length of the maximal invalid
/// prefix and CPython's reason.
fn utf8_sequence(bytes: &[u8]) -> (u32, usize, &'static str) {
    let b0 = bytes[0];
    let (len, min_second, max_second) = match b0 {
        0x00..=0x7F => return (u32::from(b0), 1, ""),
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xE1..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return (0, 1, "invalid start byte"),
    };
    let mut c = u32::from(b0) & (0x7F >> len);
    for k in 1..len {
        let Some(&b) = bytes.get(k) else {
            return (0, k, UNEXPECTED_END);
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
