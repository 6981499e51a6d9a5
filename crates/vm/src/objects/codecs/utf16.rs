//! UTF-16 and UTF-32 (Objects/unicodeobject.c's
//! `_PyUnicode_EncodeUTF16`, `PyUnicode_DecodeUTF16Stateful` and their
//! UTF-32 twins): either byte order, with or without a byte order mark.
//!
//! A byte order is given as CPython's codecs give it: -1 little-endian,
//! 1 big-endian, 0 native with a mark (written when encoding, looked
//! for when decoding).

use crate::codecs::errors::{handle_encode, DecodeFailure, EncodeFailure, Replacement};
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::codecs::is_surrogate;
use crate::vm::Vm;

/// The width of a code unit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Utf16,
    Utf32,
}

impl Width {
    fn bytes(self) -> usize {
        match self {
            Width::Utf16 => 2,
            Width::Utf32 => 4,
        }
    }

    /// The codec's name in messages, for a byte order.
    fn name(self, byteorder: i32) -> &'static str {
        match (self, byteorder) {
            (Width::Utf16, -1) => "utf-16-le",
            (Width::Utf16, 1) => "utf-16-be",
            (Width::Utf16, _) => "utf-16",
            (Width::Utf32, -1) => "utf-32-le",
            (Width::Utf32, 1) => "utf-32-be",
            (Width::Utf32, _) => "utf-32",
        }
    }

    /// The byte order mark in little-endian order.
    fn mark(self) -> &'static [u8] {
        match self {
            Width::Utf16 => b"\xff\xfe",
            Width::Utf32 => b"\xff\xfe\x00\x00",
        }
    }
}

/// Whether a byte order stands for big-endian.
fn is_big(byteorder: i32) -> bool {
    match byteorder {
        0 => cfg!(target_endian = "big"),
        order => order > 0,
    }
}

fn push_unit(out: &mut Vec<u8>, width: Width, big: bool, unit: u32) {
    match (width, big) {
        (Width::Utf16, false) => out.extend((unit as u16).to_le_bytes()),
        (Width::Utf16, true) => out.extend((unit as u16).to_be_bytes()),
        (Width::Utf32, false) => out.extend(unit.to_le_bytes()),
        (Width::Utf32, true) => out.extend(unit.to_be_bytes()),
    }
}

fn push_code_point(out: &mut Vec<u8>, width: Width, big: bool, c: u32) {
    if width == Width::Utf16 && c >= 0x10000 {
        let c = c - 0x10000;
        push_unit(out, width, big, 0xD800 | (c >> 10));
        push_unit(out, width, big, 0xDC00 | (c & 0x3FF));
    } else {
        push_unit(out, width, big, c);
    }
}

/// Encodes `points` of the str `text`; surrogates go to the error
/// handler.
pub fn encode(
    vm: &Vm,
    text: &Object,
    points: &[u32],
    errors: &str,
    width: Width,
    byteorder: i32,
) -> PyResult<Vec<u8>> {
    let big = is_big(byteorder);
    let mut out = Vec::with_capacity((points.len() + 1) * width.bytes());
    if byteorder == 0 {
        if big {
            out.extend(width.mark().iter().rev());
        } else {
            out.extend(width.mark());
        }
    }
    let mut i = 0;
    while i < points.len() {
        let c = points[i];
        if !is_surrogate(c) {
            push_code_point(&mut out, width, big, c);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < points.len() && is_surrogate(points[end]) {
            end += 1;
        }
        let failure = EncodeFailure {
            encoding: width.name(byteorder),
            text,
            points,
            start: i,
            end,
            reason: "surrogates not allowed",
        };
        let (replacement, resume) = handle_encode(vm, errors, &failure)?;
        match replacement {
            Replacement::Bytes(bytes) if bytes.len() % width.bytes() == 0 => out.extend(bytes),
            Replacement::Str(text) if text.iter().all(|&c| c < 0x80) => {
                for c in text {
                    push_unit(&mut out, width, big, c);
                }
            }
            _ => return Err(failure.exception(vm)),
        }
        i = resume;
    }
    Ok(out)
}

/// Decodes `bytes` of the bytes-like `object`. With byte order 0, a
/// mark at the start chooses the order and is skipped, and `byteorder`
/// becomes the order it stands for. Without `is_final`, an incomplete
/// unit or pair at the end is left for the next call. Gives the code
/// points and how many bytes were read.
pub fn decode(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    errors: &str,
    width: Width,
    byteorder: &mut i32,
    is_final: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let unit_size = width.bytes();
    let mut i = 0;
    if *byteorder == 0 {
        if bytes.len() < unit_size && !is_final {
            return Ok((Vec::new(), 0));
        }
        if bytes.len() >= unit_size {
            let head = &bytes[..unit_size];
            if head == width.mark() {
                *byteorder = -1;
                i = unit_size;
            } else if head.iter().rev().eq(width.mark()) {
                *byteorder = 1;
                i = unit_size;
            }
        }
    }
    let big = is_big(*byteorder);
    let encoding = width.name(if big { 1 } else { -1 });
    let unit_at = |at: usize| -> u32 {
        let b = &bytes[at..at + unit_size];
        match (width, big) {
            (Width::Utf16, false) => u32::from(u16::from_le_bytes([b[0], b[1]])),
            (Width::Utf16, true) => u32::from(u16::from_be_bytes([b[0], b[1]])),
            (Width::Utf32, false) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            (Width::Utf32, true) => u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
        }
    };
    let mut out = Vec::with_capacity(bytes.len() / unit_size);
    while i < bytes.len() {
        let left = bytes.len() - i;
        let (c, len, reason) = if left < unit_size {
            if !is_final {
                break;
            }
            (0, left, "truncated data")
        } else {
            let unit = unit_at(i);
            match width {
                Width::Utf32 if unit > 0x10FFFF => (0, 4, "code point not in range(0x110000)"),
                Width::Utf32 if is_surrogate(unit) => (
                    0,
                    4,
                    "code point in surrogate code point range(0xd800, 0xe000)",
                ),
                Width::Utf32 => (unit, 4, ""),
                Width::Utf16 if !is_surrogate(unit) => (unit, 2, ""),
                Width::Utf16 if unit >= 0xDC00 => (0, 2, "illegal encoding"),
                Width::Utf16 if left < 4 => {
                    if !is_final {
                        break;
                    }
                    (0, left, "unexpected end of data")
                }
                Width::Utf16 => {
                    let low = unit_at(i + 2);
                    if (0xDC00..=0xDFFF).contains(&low) {
                        (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 4, "")
                    } else {
                        (0, 2, "illegal UTF-16 surrogate")
                    }
                }
            }
        };
        if reason.is_empty() {
            out.push(c);
            i += len;
            continue;
        }
        let failure = DecodeFailure {
            encoding,
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
