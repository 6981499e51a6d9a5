//! The charmap codec (Objects/unicodeobject.c's
//! `PyUnicode_DecodeCharmap`, `PyUnicode_EncodeCharmap` and
//! `PyUnicode_BuildEncodingMap`): one byte to one character through a
//! table, as the code pages of Lib/encodings (cp1252, koi8_r...) use it.
//!
//! A decoding table is a str of 256 characters, U+FFFE marking a byte
//! it does not map, or any mapping from byte values to a character, an
//! int or None. An encoding table maps code points to a byte value,
//! bytes or None; `charmap_build` makes one from a decoding table.

use crate::codecs::errors::{handle_encode, DecodeFailure, EncodeFailure, Replacement};
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::BytesObject;
use crate::objects::str::StrObject;
use crate::vm::Vm;

const UNDEFINED: &str = "character maps to <undefined>";

/// The marker of an unmapped byte in a decoding table.
const NOT_A_CHARACTER: u32 = 0xFFFE;

/// `mapping[key]`, None when the mapping has no such key (LookupError).
fn map_lookup(vm: &Vm, mapping: &Object, key: u32) -> PyResult<Option<Object>> {
    match vm.getitem(mapping, &vm.new_int(i64::from(key))) {
        Ok(value) if vm.is_none(&value) => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(e) if e.matches(vm, &vm.exceptions.lookup_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What a decoding table gives for a byte: characters, or nothing for
/// an unmapped byte.
fn decode_byte(vm: &Vm, mapping: &Object, byte: u8) -> PyResult<Option<Vec<u32>>> {
    if let Some(table) = mapping.payload::<StrObject>() {
        let index = usize::from(byte);
        if index < table.len() {
            let c = table.code_point(index);
            if c != NOT_A_CHARACTER {
                return Ok(Some(vec![c]));
            }
        }
        return Ok(None);
    }
    let Some(value) = map_lookup(vm, mapping, u32::from(byte))? else {
        return Ok(None);
    };
    if let Some(s) = value.payload::<StrObject>() {
        if s.len() == 1 && s.code_point(0) == NOT_A_CHARACTER {
            return Ok(None);
        }
        return Ok(Some(s.wide().into_owned()));
    }
    if vm.is_instance(&value, &vm.types.int) {
        let n = crate::objects::getargs::index_arg(vm, &value).unwrap_or(-1);
        if !(0..=0x10FFFF).contains(&n) {
            return Err(vm.new_type_error("character mapping must be in range(0x110000)"));
        }
        if n == i64::from(NOT_A_CHARACTER) {
            return Ok(None);
        }
        return Ok(Some(vec![n as u32]));
    }
    Err(vm.new_type_error("character mapping must return integer, None or str"))
}

/// Decodes `bytes` of the bytes-like `object` through `mapping`.
pub fn decode(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    errors: &str,
    mapping: &Object,
) -> PyResult<Vec<u32>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(text) = decode_byte(vm, mapping, bytes[i])? {
            out.extend(text);
            i += 1;
            continue;
        }
        let failure = DecodeFailure {
            encoding: "charmap",
            object,
            bytes,
            start: i,
            end: i + 1,
            reason: UNDEFINED,
        };
        i = failure.resolve(vm, errors, &mut out)?;
    }
    Ok(out)
}

/// What an encoding table gives for a code point: bytes, or nothing for
/// an unmapped one.
fn encode_point(vm: &Vm, mapping: &Object, c: u32) -> PyResult<Option<Vec<u8>>> {
    let Some(value) = map_lookup(vm, mapping, c)? else {
        return Ok(None);
    };
    if let Some(b) = value.payload::<BytesObject>() {
        return Ok(Some(b.bytes.to_vec()));
    }
    if vm.is_instance(&value, &vm.types.int) {
        let n = crate::objects::getargs::index_arg(vm, &value).unwrap_or(-1);
        if !(0..=255).contains(&n) {
            return Err(vm.new_type_error("character mapping must be in range(256)"));
        }
        return Ok(Some(vec![n as u8]));
    }
    Err(vm.new_type_error(format!(
        "character mapping must return integer, bytes or None, not {}",
        vm.type_name(&value)
    )))
}

/// Encodes the code points of the str `text` through `mapping`.
pub fn encode(
    vm: &Vm,
    text: &Object,
    points: &[u32],
    errors: &str,
    mapping: &Object,
) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(points.len());
    let mut i = 0;
    while i < points.len() {
        if let Some(bytes) = encode_point(vm, mapping, points[i])? {
            out.extend(bytes);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < points.len() && encode_point(vm, mapping, points[end])?.is_none() {
            end += 1;
        }
        let failure = EncodeFailure {
            encoding: "charmap",
            text,
            points,
            start: i,
            end,
            reason: UNDEFINED,
        };
        let (replacement, resume) = handle_encode(vm, errors, &failure)?;
        match replacement {
            Replacement::Bytes(bytes) => out.extend(bytes),
            Replacement::Str(text) => {
                for c in text {
                    match encode_point(vm, mapping, c)? {
                        Some(bytes) => out.extend(bytes),
                        None => return Err(failure.exception(vm)),
                    }
                }
            }
        }
        i = resume;
    }
    Ok(out)
}

/// `codecs.charmap_build(table)`: the encoding table of a decoding
/// table, a dict from each character's code point to its index. A
/// table of a code page (256 characters from U+0000, all in the BMP)
/// leaves out its unmapped bytes, as CPython's compact `EncodingMap`
/// does.
pub fn build(vm: &Vm, table: &StrObject) -> PyResult {
    let code_page = table.len() == 256
        && table.code_point(0) == 0
        && table.code_points().skip(1).all(|c| c != 0 && c <= 0xFFFF);
    let map = vm.new_dict();
    let dict = crate::objects::dict::dict_of(&map);
    for (index, c) in table.code_points().enumerate() {
        if code_page && c == NOT_A_CHARACTER {
            continue;
        }
        dict.set(vm, vm.new_int(i64::from(c)), vm.new_int(index as i64))?;
    }
    Ok(map)
}
