//! `binascii` (Modules/binascii.c): conversions between binary data and
//! ASCII encodings (hex, base64, uuencode, quoted-printable) and the
//! CRC-32 and CRC-CCITT checksums, which `base64`, `uu`, `quopri`,
//! `zipfile` and `gzip` build on.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::bytes::{buffer_arg, bytes_view, new_bytes};
use crate::objects::bytes_methods::{hex_separator, hex_with_separator};
use crate::objects::function::check_positional_only;
use crate::objects::getargs::int_arg;
use crate::objects::int::{bind_args, IntValue};
use crate::objects::str::StrObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::borrow::Cow;

/// The longest line `b2a_uu` encodes.
const UU_LINE_MAX: usize = 45;
/// The longest line `b2a_qp` writes, its soft line break included.
const QP_LINE_MAX: usize = 76;

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_PAD: u8 = b'=';

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let error = super::new_exception_class(vm, "binascii.Error", &vm.exceptions.value_error)?;
    let incomplete =
        super::new_exception_class(vm, "binascii.Incomplete", &vm.exceptions.exception)?;
    super::set_attr(vm, module, "Error", error);
    super::set_attr(vm, module, "Incomplete", incomplete);
    super::add_functions(
        vm,
        module,
        &[
            ("a2b_uu", a2b_uu),
            ("b2a_uu", b2a_uu),
            ("a2b_base64", a2b_base64),
            ("b2a_base64", b2a_base64),
            ("crc_hqx", crc_hqx),
            ("crc32", crc32_function),
            ("b2a_hex", |vm, args| hexlify(vm, args, "b2a_hex")),
            ("hexlify", |vm, args| hexlify(vm, args, "hexlify")),
            ("a2b_hex", |vm, args| unhexlify(vm, args, "a2b_hex")),
            ("unhexlify", |vm, args| unhexlify(vm, args, "unhexlify")),
            ("a2b_qp", a2b_qp),
            ("b2a_qp", b2a_qp),
        ],
    );
    Ok(())
}

/// `binascii.Error(message)`.
fn error(vm: &Vm, message: &str) -> PyErr {
    let module = match crate::import::import_module(vm, "binascii") {
        Ok(module) => module,
        Err(e) => return e,
    };
    match vm.getattr(&module, &vm.intern("Error")) {
        Ok(ty) => vm.new_exception(&ty, message),
        Err(e) => e,
    }
}

fn positional_only(vm: &Vm, name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    check_positional_only(vm, "binascii", name, args, min, max)
}

/// Binds `data, /, *, options`.
fn bind_data_and_options(
    vm: &Vm,
    name: &str,
    args: Args,
    options: &[&str],
) -> PyResult<(Object, Vec<Option<Object>>)> {
    let mut names = vec![""];
    names.extend_from_slice(options);
    let mut bound = bind_args(vm, name, args, &names, 1, 1)?;
    let data = bound.remove(0).expect("the data is required");
    Ok((data, bound))
}

/// A flag argument, false when not given (`p` in arg clinic).
fn flag(vm: &Vm, value: &Option<Object>) -> PyResult<bool> {
    value.as_ref().map_or(Ok(false), |v| vm.is_true(v))
}

/// The bytes of an `a2b_*` argument: bytes-like, or a str of ASCII
/// characters only (`ascii_buffer_converter`).
fn ascii_data<'a>(vm: &Vm, o: &'a Object) -> PyResult<Cow<'a, [u8]>> {
    if let Some(s) = o.payload::<StrObject>() {
        let ascii: Option<Vec<u8>> = s
            .code_points()
            .map(|c| u8::try_from(c).ok().filter(u8::is_ascii))
            .collect();
        return ascii.map(Cow::Owned).ok_or_else(|| {
            vm.new_value_error("string argument should contain only ASCII characters")
        });
    }
    bytes_view(o).ok_or_else(|| {
        vm.new_type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            vm.type_name(o)
        ))
    })
}

/// The low bits of an int argument, any int allowed
/// (`unsigned_int(bitwise=True)`).
pub(crate) fn bitwise_arg(vm: &Vm, value: &Object) -> PyResult<u32> {
    let index = crate::objects::int::index_object(vm, value)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(value)
        ))
    })?;
    Ok(
        match crate::objects::int::int_value(&index).expect("__index__ gives an int") {
            IntValue::Small(i) => i as u32,
            IntValue::Big(big) => {
                let low = big & crate::objects::int::IBig::from(u32::MAX);
                u32::try_from(&low).expect("masked to 32 bits")
            }
        },
    )
}

fn a2b_uu(vm: &Vm, args: Args) -> PyResult {
    positional_only(vm, "a2b_uu", args, 1, 1)?;
    let data = ascii_data(vm, &args.values[0])?;
    // An empty line reads as if it held a NUL, as CPython's reading of
    // the terminator of its buffer does.
    let (&first, mut rest) = data.split_first().unwrap_or((&0, &[]));
    let length = usize::from(first.wrapping_sub(b' ') & 0x3f);
    let mut out = Vec::with_capacity(length);
    let mut bits: u32 = 0;
    let mut nbits = 0;
    while out.len() < length {
        let sextet = match rest.split_first() {
            // Spaces eaten at the end of a line read as zeros.
            None => 0,
            Some((b'\n' | b'\r', _)) => {
                rest = &rest[1..];
                0
            }
            Some((&c, tail)) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error(vm, "Illegal char"));
                }
                rest = tail;
                u32::from(c.wrapping_sub(b' ') & 0x3f)
            }
        };
        bits = (bits << 6) | sextet;
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
            bits &= (1 << nbits) - 1;
        }
    }
    // Encoders pad the line with spaces or backticks.
    if rest
        .iter()
        .any(|c| !matches!(c, b' ' | b'`' | b'\n' | b'\r'))
    {
        return Err(error(vm, "Trailing garbage"));
    }
    Ok(new_bytes(vm, out))
}

fn b2a_uu(vm: &Vm, args: Args) -> PyResult {
    let (data, options) = bind_data_and_options(vm, "b2a_uu", args, &["backtick"])?;
    let data = buffer_arg(vm, &data)?;
    let backtick = flag(vm, &options[0])?;
    if data.len() > UU_LINE_MAX {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let encode = |sextet: u8| {
        if backtick && sextet == 0 {
            b'`'
        } else {
            b' ' + sextet
        }
    };
    let mut out = Vec::with_capacity(2 + data.len().div_ceil(3) * 4);
    out.push(encode(data.len() as u8));
    for chunk in data.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let n = u32::from_be_bytes([0, group[0], group[1], group[2]]);
        for shift in [18, 12, 6, 0] {
            out.push(encode(((n >> shift) & 0x3f) as u8));
        }
    }
    out.push(b'\n');
    Ok(new_bytes(vm, out))
}

/// The value of a base64 digit, None for any other byte.
fn base64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `a2b_base64(data, /, *, strict_mode=False)`: other bytes are skipped
/// unless strict, and a quad ends at its padding.
fn a2b_base64(vm: &Vm, args: Args) -> PyResult {
    let (data, options) = bind_data_and_options(vm, "a2b_base64", args, &["strict_mode"])?;
    let data = ascii_data(vm, &data)?;
    let strict = flag(vm, &options[0])?;
    if strict && data.first() == Some(&BASE64_PAD) {
        return Err(error(vm, "Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let mut quad_pos = 0;
    let mut left: u8 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == BASE64_PAD {
            padding_started = true;
            pads += 1;
            if quad_pos >= 2 && quad_pos + pads >= 4 {
                if strict && i + 1 < data.len() {
                    return Err(error(vm, "Excess data after padding"));
                }
                return Ok(new_bytes(vm, out));
            }
            continue;
        }
        let Some(value) = base64_value(c) else {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad_pos {
            0 => left = value,
            1 => {
                out.push((left << 2) | (value >> 4));
                left = value & 0x0f;
            }
            2 => {
                out.push((left << 4) | (value >> 2));
                left = value & 0x03;
            }
            _ => {
                out.push((left << 6) | value);
                left = 0;
            }
        }
        quad_pos = (quad_pos + 1) % 4;
    }
    match quad_pos {
        0 => Ok(new_bytes(vm, out)),
        1 => Err(error(
            vm,
            &format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
                out.len() / 3 * 4 + 1
            ),
        )),
        _ => Err(error(vm, "Incorrect padding")),
    }
}

fn b2a_base64(vm: &Vm, args: Args) -> PyResult {
    let (data, options) = bind_data_and_options(vm, "b2a_base64", args, &["newline"])?;
    let data = buffer_arg(vm, &data)?;
    let newline = match &options[0] {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let n = u32::from_be_bytes([0, group[0], group[1], group[2]]);
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if k <= chunk.len() {
                out.push(BASE64_ALPHABET[((n >> shift) & 0x3f) as usize]);
            } else {
                out.push(BASE64_PAD);
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(new_bytes(vm, out))
}

/// `crc_hqx(data, crc, /)`: CRC-CCITT as BinHex 4 uses it (polynomial
/// 0x1021, most significant bit first).
fn crc_hqx(vm: &Vm, args: Args) -> PyResult {
    positional_only(vm, "crc_hqx", args, 2, 2)?;
    let data = buffer_arg(vm, &args.values[0])?;
    let mut crc = bitwise_arg(vm, &args.values[1])? & 0xffff;
    for &byte in data.iter() {
        crc ^= u32::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
        crc &= 0xffff;
    }
    Ok(vm.new_int(i64::from(crc)))
}

/// `crc32(data, crc=0, /)`.
fn crc32_function(vm: &Vm, args: Args) -> PyResult {
    positional_only(vm, "crc32", args, 1, 2)?;
    let data = buffer_arg(vm, &args.values[0])?;
    let crc = match args.values.get(1) {
        Some(v) => bitwise_arg(vm, v)?,
        None => 0,
    };
    Ok(vm.new_int(i64::from(crc32(crc, &data))))
}

/// The CRC-32 of ISO 3309 and ITU-T V.42 (zlib's, gzip's and zip's)
/// of `data`, continuing from `crc`.
pub fn crc32(crc: u32, data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut c = !crc;
    for &byte in data {
        c = TABLE[((c ^ u32::from(byte)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// `hexlify(data, sep=<none>, bytes_per_sep=1)`: unlike `bytes.hex`, a
/// sep of None is refused and any Latin-1 character is allowed.
fn hexlify(vm: &Vm, args: Args, name: &str) -> PyResult {
    let bound = bind_args(vm, name, args, &["data", "sep", "bytes_per_sep"], 3, 1)?;
    let data = buffer_arg(vm, bound[0].as_ref().expect("data is required"))?;
    let sep = match &bound[1] {
        None => None,
        Some(sep) => Some(hex_separator(vm, sep, 0xff)?),
    };
    let per = match &bound[2] {
        Some(n) => int_arg(vm, n)?,
        None => 1,
    };
    let text = hex_with_separator(&data, sep, per.into());
    // Every character is a hex digit or the Latin-1 separator.
    Ok(new_bytes(vm, text.chars().map(|c| c as u8).collect()))
}

fn unhexlify(vm: &Vm, args: Args, name: &str) -> PyResult {
    positional_only(vm, name, args, 1, 1)?;
    let data = ascii_data(vm, &args.values[0])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let digit = |c: u8| char::from(c).to_digit(16);
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        let (Some(high), Some(low)) = (digit(pair[0]), digit(pair[1])) else {
            return Err(error(vm, "Non-hexadecimal digit found"));
        };
        out.push((high * 16 + low) as u8);
    }
    Ok(new_bytes(vm, out))
}

/// `a2b_qp(data, header=False)`: `=XX` escapes and soft line breaks
/// decoded, anything malformed kept as it is.
fn a2b_qp(vm: &Vm, args: Args) -> PyResult {
    let bound = bind_args(vm, "a2b_qp", args, &["data", "header"], 2, 1)?;
    let data = ascii_data(vm, bound[0].as_ref().expect("data is required"))?;
    let header = flag(vm, &bound[1])?;
    let hex = |c: u8| char::from(c).to_digit(16);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        i += 1;
        if c == b'=' {
            let Some(&next) = data.get(i) else {
                break;
            };
            if next == b'\n' || next == b'\r' {
                // A soft line break: the rest of the line goes.
                while i < data.len() && data[i] != b'\n' {
                    i += 1;
                }
                i = (i + 1).min(data.len());
            } else if next == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(high), Some(low)) =
                (hex(next), data.get(i + 1).and_then(|&l| hex(l)))
            {
                out.push((high * 16 + low) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
        } else {
            out.push(c);
        }
    }
    Ok(new_bytes(vm, out))
}

/// `b2a_qp(data, quotetabs=False, istext=True, header=False)` (RFC 1521
/// and, for headers, RFC 1522): lines keep the data's own ending, CRLF
/// if its first line ends so.
fn b2a_qp(vm: &Vm, args: Args) -> PyResult {
    let bound = bind_args(
        vm,
        "b2a_qp",
        args,
        &["data", "quotetabs", "istext", "header"],
        4,
        1,
    )?;
    let data = buffer_arg(vm, bound[0].as_ref().expect("data is required"))?;
    let quotetabs = flag(vm, &bound[1])?;
    let istext = match &bound[2] {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    let header = flag(vm, &bound[3])?;
    let crlf = data
        .iter()
        .position(|&c| c == b'\n')
        .is_some_and(|p| p > 0 && data[p - 1] == b'\r');
    let push_escape = |out: &mut Vec<u8>, c: u8| {
        const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.push(b'=');
        out.push(UPPER_HEX[usize::from(c >> 4)]);
        out.push(UPPER_HEX[usize::from(c & 15)]);
    };
    let line_break = |out: &mut Vec<u8>| {
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut out = Vec::with_capacity(data.len() * 3 / 2);
    let mut line_len = 0;
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        let at_end = i + 1 == data.len();
        let next = data.get(i + 1).copied();
        let lone_dot = c == b'.' && line_len == 0 && matches!(next, None | Some(b'\n' | b'\r' | 0));
        let must_escape = c > 126
            || c == b'='
            || (header && c == b'_')
            || lone_dot
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && at_end)
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if must_escape {
            if line_len + 3 >= QP_LINE_MAX {
                out.push(b'=');
                line_break(&mut out);
                line_len = 0;
            }
            push_escape(&mut out, c);
            line_len += 3;
            i += 1;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            line_len = 0;
            // Whitespace at the end of a line would be lost in transit.
            if let Some(&last @ (b' ' | b'\t')) = out.last() {
                out.pop();
                push_escape(&mut out, last);
            }
            line_break(&mut out);
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if !at_end && next != Some(b'\n') && line_len + 1 >= QP_LINE_MAX {
                out.push(b'=');
                line_break(&mut out);
                line_len = 0;
            }
            line_len += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    Ok(new_bytes(vm, out))
}
