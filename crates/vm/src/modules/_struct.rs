//! `_struct` (Modules/_struct.c): values packed into bytes laid out as C
//! structs, and unpacked back, by format strings; Lib/struct.py
//! re-exports it.
//!
//! A format is parsed once into a [`Format`], the list of its items
//! with their offsets, and kept in a `Struct` object; the module's
//! functions keep the `Struct` of each format they see in a cache. The
//! byte orders, sizes and alignments are those of x86-64 Linux. What a
//! value may be, and the message when it may not, differ between the
//! native, little-endian and big-endian packers of CPython; each rule
//! below says which it follows.

use crate::errors::{PyErr, PyResult};
use crate::object::{self, Object};
use crate::objects::bytearray::ByteArrayObject;
use crate::objects::bytes::{buffer_arg, new_bytes, BytesObject};
use crate::objects::dict::DictObject;
use crate::objects::function::{add_methods, check_arity, check_function_arity, NativeFn};
use crate::objects::getargs::{bind, ssize_arg};
use crate::objects::int::{int_value, new_big, IBig, IntValue};
use crate::objects::str::StrObject;
use crate::typeobject::{flags, Args, Layout};
use crate::vm::Vm;
use std::cell::Cell;

/// The most `Struct`s the module functions keep (`MAXCACHE`).
const MAX_CACHE: usize = 100;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::set_attr(vm, module, "Struct", struct_type(vm)?);
    super::set_attr(vm, module, "error", error_class(vm)?);
    super::set_attr(
        vm,
        module,
        "__doc__",
        vm.new_str("Functions to convert between Python values and C structs."),
    );
    super::add_functions(vm, module, FUNCTIONS);
    Ok(())
}

/// `struct.error`.
fn error_class(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_struct.error", |vm| {
        super::new_exception_class(vm, "struct.error", &vm.exceptions.exception)
    })
}

fn struct_error(vm: &Vm, message: impl Into<String>) -> PyErr {
    match error_class(vm) {
        Ok(class) => vm.new_exception(&class, message),
        Err(e) => e,
    }
}

fn struct_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_struct.Struct", |vm| {
        let ty = super::new_type(
            vm,
            "_struct",
            "Struct",
            Layout::Struct,
            flags::BASETYPE,
            |tp| {
                tp.slots.new.set(Some(|vm, ty, args| {
                    let bound = bind(vm, "Struct", args, false, &["format"], 1)?;
                    new_struct(vm, ty, bound[0].as_ref().expect("required"))
                }));
            },
        );
        add_methods(vm, &ty, STRUCT_METHODS);
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "format",
            |vm, o| Ok(vm.new_str(&struct_of(vm, o)?.format.text)),
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "size",
            |vm, o| Ok(vm.new_int(struct_of(vm, o)?.format.size as i64)),
            None,
        );
        Ok(ty)
    })
}

fn unpack_iterator_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_struct.unpack_iterator", |vm| {
        let ty = super::new_type(
            vm,
            "_struct",
            "unpack_iterator",
            Layout::UnpackIterator,
            0,
            |tp| {
                tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
                tp.slots.iternext.set(Some(unpack_iterator_next));
            },
        );
        add_methods(
            vm,
            &ty,
            &[("__length_hint__", |vm, args| {
                check_arity(vm, "__length_hint__", args, 1, 1)?;
                let it = iterator_of(vm, &args.values[0])?;
                let size = struct_of(vm, &it.owner)?.format.size;
                let left = (it.data.len() - it.position.get()) / size;
                Ok(vm.new_int(left as i64))
            })],
        );
        Ok(ty)
    })
}

/// Where values go in the bytes: the byte order, and whether items are
/// aligned and of native sizes (`@`) or packed and of standard sizes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Native,
    Little,
    Big,
}

/// One item of a format: its format character, its offset, and its
/// size (for `s` and `p`, the repeat count).
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    offset: usize,
    size: usize,
}

/// A parsed format.
struct Format {
    text: String,
    order: Order,
    size: usize,
    items: Vec<Item>,
}

/// The size of format character `code`, or None if the order has none.
fn item_size(order: Order, code: u8) -> Option<usize> {
    Some(match code {
        b'x' | b'b' | b'B' | b'c' | b's' | b'p' | b'?' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'l' | b'L' if order == Order::Native => 8,
        b'l' | b'L' => 4,
        b'n' | b'N' | b'P' if order == Order::Native => 8,
        _ => return None,
    })
}

/// Whether the native alignment of `code` is its size: the numbers
/// are aligned, bytes and strings are not.
fn is_aligned(code: u8) -> bool {
    !matches!(code, b'x' | b'b' | b'B' | b'c' | b's' | b'p' | b'?')
}

fn parse_format(vm: &Vm, text: &[u8]) -> PyResult<Format> {
    if text.contains(&0) {
        return Err(struct_error(vm, "embedded null character"));
    }
    let (order, body) = match text.first() {
        Some(b'@') => (Order::Native, &text[1..]),
        Some(b'=' | b'<') => (Order::Little, &text[1..]),
        Some(b'>' | b'!') => (Order::Big, &text[1..]),
        _ => (Order::Native, text),
    };
    let too_long = || struct_error(vm, "total struct size too long");
    const MAX: usize = isize::MAX as usize;
    let mut size = 0usize;
    let mut items = Vec::new();
    let mut chars = body.iter().copied();
    while let Some(mut c) = chars.next() {
        if c.is_ascii_whitespace() || c == 0x0b {
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            count = usize::from(c - b'0');
            loop {
                let Some(next) = chars.next() else {
                    return Err(struct_error(
                        vm,
                        "repeat count given without format specifier",
                    ));
                };
                c = next;
                if !c.is_ascii_digit() {
                    break;
                }
                let digit = usize::from(c - b'0');
                if count > (MAX - digit) / 10 {
                    return Err(too_long());
                }
                count = count * 10 + digit;
            }
        }
        let Some(itemsize) = item_size(order, c) else {
            return Err(struct_error(vm, "bad char in struct format"));
        };
        if order == Order::Native && is_aligned(c) {
            size = size
                .checked_next_multiple_of(itemsize)
                .filter(|&s| s <= MAX)
                .ok_or_else(too_long)?;
        }
        if count > (MAX - size) / itemsize {
            return Err(too_long());
        }
        match c {
            b's' | b'p' => items.push(Item {
                code: c,
                offset: size,
                size: count,
            }),
            b'x' => {}
            _ => items.extend((0..count).map(|i| Item {
                code: c,
                offset: size + i * itemsize,
                size: itemsize,
            })),
        }
        size += count * itemsize;
    }
    Ok(Format {
        text: String::from_utf8_lossy(text).into_owned(),
        order,
        size,
        items,
    })
}

#[derive(krait_derive::Traverse)]
pub struct StructObject {
    #[traverse(skip)]
    format: Format,
}

fn struct_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a StructObject> {
    o.payload::<StructObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a '_struct.Struct' object but received a '{}'",
            vm.type_name(o)
        ))
    })
}

/// The bytes of a format given as str or bytes.
fn format_bytes(vm: &Vm, format: &Object) -> PyResult<Vec<u8>> {
    if let Some(s) = format.payload::<StrObject>() {
        let points: Vec<u32> = s.code_points().collect();
        return crate::objects::codecs::encode(
            vm,
            format,
            &points,
            crate::objects::codecs::Codec::Ascii,
            "strict",
        );
    }
    if let Some(b) = format.payload::<BytesObject>() {
        return Ok(b.bytes.to_vec());
    }
    Err(vm.new_type_error(format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        vm.type_name(format)
    )))
}

fn new_struct(vm: &Vm, ty: &Object, format: &Object) -> PyResult {
    let format = parse_format(vm, &format_bytes(vm, format)?)?;
    Ok(object::alloc(ty, StructObject { format }))
}

/// The `Struct` of a format, from the module's cache (`cache_struct_converter`).
fn cached_struct(vm: &Vm, format: &Object) -> PyResult<Object> {
    let cache = super::module_state(vm, "_struct._cache", |vm| Ok(vm.new_dict()))?;
    let cache = &cache.payload::<DictObject>().expect("a dict").dict;
    if let Some(s) = cache.get(vm, format)? {
        return Ok(s);
    }
    let s = new_struct(vm, &struct_type(vm)?, format)?;
    if cache.len() >= MAX_CACHE {
        cache.clear();
    }
    cache.set(vm, format.clone(), s.clone())?;
    Ok(s)
}

// Packing

/// An int for an integer format: the value itself, or its `__index__`.
fn integer_arg(vm: &Vm, v: &Object) -> PyResult<Object> {
    if int_value(v).is_some() {
        return Ok(v.clone());
    }
    match crate::objects::int::index_object(vm, v)? {
        Some(i) => Ok(i),
        None => Err(struct_error(vm, "required argument is not an integer")),
    }
}

fn out_of_range(vm: &Vm) -> PyErr {
    struct_error(vm, "argument out of range")
}

/// A value that must fit a C long (`get_long`).
fn signed_arg(vm: &Vm, v: &Object) -> PyResult<i64> {
    let i = integer_arg(vm, v)?;
    int_value(&i)
        .and_then(|v| v.to_i64())
        .ok_or_else(|| out_of_range(vm))
}

/// A value that must fit a C unsigned long (`get_ulong`).
fn unsigned_arg(vm: &Vm, v: &Object) -> PyResult<u64> {
    let i = integer_arg(vm, v)?;
    let value = match int_value(&i) {
        Some(IntValue::Small(s)) => u64::try_from(s).ok(),
        Some(IntValue::Big(b)) => u64::try_from(b).ok(),
        None => None,
    };
    value.ok_or_else(|| out_of_range(vm))
}

/// A value written as 8 bytes of two's complement, which only has to
/// fit them (`_PyLong_AsByteArray`, big-endian `q`, `Q` and native `P`).
fn byte_array_arg(vm: &Vm, v: &Object, signed: bool, pointer: bool) -> PyResult<u64> {
    let i = integer_arg(vm, v)?;
    let big = int_value(&i).expect("an int").to_bigint();
    let fits = if pointer {
        // A pointer takes a negative C long or an unsigned one.
        i64::try_from(&big).is_ok() || u64::try_from(&big).is_ok()
    } else if signed {
        i64::try_from(&big).is_ok()
    } else {
        u64::try_from(&big).is_ok()
    };
    if !fits {
        return Err(struct_error(vm, "int too large to convert"));
    }
    Ok(match i64::try_from(&big) {
        Ok(s) => s as u64,
        Err(_) => u64::try_from(&big).unwrap_or_default(),
    })
}

/// The message of a value out of an integer format's range
/// (`_range_error`).
fn range_error(vm: &Vm, code: u8, size: usize, unsigned: bool) -> PyErr {
    let bits = size * 8;
    let code = code as char;
    if unsigned {
        let largest = u64::MAX >> (64 - bits);
        struct_error(
            vm,
            format!("'{code}' format requires 0 <= number <= {largest}"),
        )
    } else {
        let largest = i64::MAX >> (64 - bits);
        struct_error(
            vm,
            format!(
                "'{code}' format requires {} <= number <= {largest}",
                !largest
            ),
        )
    }
}

/// A signed value of `size` bytes, with the `'c' format requires`
/// message when out of range.
fn ranged_signed(vm: &Vm, v: &Object, code: u8, size: usize) -> PyResult<u64> {
    let x = signed_arg(vm, v)?;
    let bits = size * 8;
    if bits < 64 && (x < -(1i64 << (bits - 1)) || x >= 1i64 << (bits - 1)) {
        return Err(range_error(vm, code, size, false));
    }
    Ok(x as u64)
}

fn ranged_unsigned(vm: &Vm, v: &Object, code: u8, size: usize) -> PyResult<u64> {
    let x = unsigned_arg(vm, v)?;
    if size < 8 && x >> (size * 8) != 0 {
        return Err(range_error(vm, code, size, true));
    }
    Ok(x)
}

/// A value of a small integer format, checked with the message naming
/// the C type that CPython's native packers give.
fn named_range(vm: &Vm, v: &Object, range: (i64, i64), name: &str) -> PyResult<u64> {
    let x = signed_arg(vm, v)?;
    if x < range.0 || x > range.1 {
        return Err(struct_error(
            vm,
            format!(
                "{name} format requires {} <= number <= {}",
                range.0, range.1
            ),
        ));
    }
    Ok(x as u64)
}

/// A float for a float format (`PyFloat_AsDouble`), any failure
/// reported as a struct.error.
fn float_arg(vm: &Vm, v: &Object) -> PyResult<f64> {
    crate::objects::float::as_double(vm, v)
        .map_err(|_| struct_error(vm, "required argument is not a float"))
}

fn float_too_large(vm: &Vm, code: char) -> PyErr {
    vm.new_overflow_error(format!("float too large to pack with {code} format"))
}

/// `x` as an IEEE 754 half-precision float, rounded half to even, or
/// None if it is too large (`PyFloat_Pack2`).
pub(crate) fn pack_half(x: f64) -> Option<u16> {
    let sign = u16::from(x.is_sign_negative()) << 15;
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    if biased == 0 {
        // Zero, or a double subnormal: far below half's smallest.
        return Some(sign);
    }
    let exponent = biased - 1023;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    // Keep 11 significant bits for a normal half, fewer below 2**-14.
    let (shift, field) = if exponent >= -14 {
        (42, ((exponent + 15) as u64) << 10)
    } else {
        ((28 - exponent) as u32, 0)
    };
    let rounded = round_shift(mantissa, shift);
    // A normal half's leading 1 is implicit; a carry out of the mantissa
    // goes into the exponent by itself.
    let half = if exponent >= -14 {
        field + rounded - 1024
    } else {
        rounded
    };
    if half >= 0x7c00 {
        return None;
    }
    Some(sign | half as u16)
}

/// `m / 2**shift`, rounded half to even.
fn round_shift(m: u64, shift: u32) -> u64 {
    if shift == 0 {
        return m;
    }
    if shift >= 64 {
        return 0;
    }
    let q = m >> shift;
    let rest = m & ((1 << shift) - 1);
    let half = 1 << (shift - 1);
    if rest > half || (rest == half && q & 1 == 1) {
        q + 1
    } else {
        q
    }
}

/// The value of an IEEE 754 half-precision float (`PyFloat_Unpack2`).
pub(crate) fn unpack_half(h: u16) -> f64 {
    let negative = h & 0x8000 != 0;
    let exponent = i32::from((h >> 10) & 0x1f);
    let fraction = f64::from(h & 0x3ff);
    let magnitude = match exponent {
        0x1f if fraction == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        0 => fraction * 2f64.powi(-24),
        e => (1024.0 + fraction) * 2f64.powi(e - 25),
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// Writes the `size` low bytes of `value` in `order`.
fn put(out: &mut [u8], value: u64, size: usize, order: Order) {
    let bytes = value.to_le_bytes();
    if order == Order::Big {
        for (o, b) in out[..size].iter_mut().zip(bytes[..size].iter().rev()) {
            *o = *b;
        }
    } else {
        out[..size].copy_from_slice(&bytes[..size]);
    }
}

fn get(data: &[u8], size: usize, order: Order) -> u64 {
    let mut bytes = [0u8; 8];
    if order == Order::Big {
        for (b, d) in bytes[..size].iter_mut().zip(data[..size].iter().rev()) {
            *b = *d;
        }
    } else {
        bytes[..size].copy_from_slice(&data[..size]);
    }
    u64::from_le_bytes(bytes)
}

/// A string item's bytes: bytes or bytearray.
fn string_arg(vm: &Vm, v: &Object, code: u8) -> PyResult<Vec<u8>> {
    if let Some(b) = v.payload::<BytesObject>() {
        return Ok(b.bytes.to_vec());
    }
    if let Some(b) = v.payload::<ByteArrayObject>() {
        return Ok(b.bytes.borrow().clone());
    }
    Err(struct_error(
        vm,
        format!("argument for '{}' must be a bytes object", code as char),
    ))
}

fn pack_item(vm: &Vm, order: Order, item: &Item, v: &Object, out: &mut [u8]) -> PyResult<()> {
    let out = &mut out[item.offset..item.offset + item.size];
    let size = item.size;
    let code = item.code;
    // Big-endian sizes 2 to 4 have their own packers; the others, and
    // little-endian ones of native size, share the native packers.
    let big = order == Order::Big;
    let standard = order != Order::Native;
    let value = match code {
        b'b' => named_range(vm, v, (-128, 127), "byte")?,
        b'B' => named_range(vm, v, (0, 255), "ubyte")?,
        b'c' => match v.payload::<BytesObject>() {
            Some(b) if b.bytes.len() == 1 => u64::from(b.bytes[0]),
            _ => {
                return Err(struct_error(
                    vm,
                    "char format requires a bytes object of length 1",
                ))
            }
        },
        b's' | b'p' => {
            let data = string_arg(vm, v, code)?;
            out.fill(0);
            if code == b's' {
                let n = data.len().min(size);
                out[..n].copy_from_slice(&data[..n]);
            } else if size > 0 {
                let n = data.len().min(size - 1);
                out[1..=n].copy_from_slice(&data[..n]);
                out[0] = n.min(255) as u8;
            }
            return Ok(());
        }
        b'?' => u64::from(vm.is_true(v)?),
        b'h' if !big => named_range(vm, v, (-32768, 32767), "short")?,
        b'H' if !big => named_range(vm, v, (0, 65535), "ushort")?,
        b'h' | b'i' | b'l' if size < 8 => ranged_signed(vm, v, code, size)?,
        b'H' | b'I' | b'L' if size < 8 => ranged_unsigned(vm, v, code, size)?,
        b'q' | b'Q' if big => byte_array_arg(vm, v, code == b'q', false)?,
        b'l' | b'q' | b'n' => signed_arg(vm, v)? as u64,
        b'L' | b'Q' | b'N' => unsigned_arg(vm, v)?,
        b'P' => byte_array_arg(vm, v, false, true)?,
        b'e' => {
            let x = float_arg(vm, v)?;
            u64::from(pack_half(x).ok_or_else(|| float_too_large(vm, 'e'))?)
        }
        b'f' => {
            let x = float_arg(vm, v)?;
            let y = x as f32;
            if standard && y.is_infinite() && x.is_finite() {
                return Err(float_too_large(vm, 'f'));
            }
            u64::from(y.to_bits())
        }
        // 'd', the one code left.
        _ => float_arg(vm, v)?.to_bits(),
    };
    put(out, value, size, order);
    Ok(())
}

fn pack_values(vm: &Vm, s: &StructObject, values: &[Object], out: &mut [u8]) -> PyResult<()> {
    for (item, v) in s.format.items.iter().zip(values) {
        pack_item(vm, s.format.order, item, v, out)?;
    }
    Ok(())
}

fn check_count(vm: &Vm, fname: &str, s: &StructObject, given: usize) -> PyResult<()> {
    let expected = s.format.items.len();
    if given != expected {
        return Err(struct_error(
            vm,
            format!("{fname} expected {expected} items for packing (got {given})"),
        ));
    }
    Ok(())
}

fn pack(vm: &Vm, s: &StructObject, values: &[Object]) -> PyResult {
    check_count(vm, "pack", s, values.len())?;
    let mut out = vec![0u8; s.format.size];
    pack_values(vm, s, values, &mut out)?;
    Ok(new_bytes(vm, out))
}

/// `pack_into(buffer, offset, *values)`.
fn pack_into(vm: &Vm, s: &StructObject, args: &[Object]) -> PyResult {
    let Some(buffer) = args.first() else {
        return Err(struct_error(vm, "pack_into expected buffer argument"));
    };
    let Some(offset) = args.get(1) else {
        return Err(struct_error(vm, "pack_into expected offset argument"));
    };
    let values = &args[2..];
    check_count(vm, "pack_into", s, values.len())?;
    let offset = ssize_arg(vm, offset)?;
    let mut packed = vec![0u8; s.format.size];
    pack_values(vm, s, values, &mut packed)?;
    with_writable_buffer(vm, buffer, |data| {
        let start = buffer_start(vm, Direction::Pack, offset, data.len(), s.format.size)?;
        data[start..start + packed.len()].copy_from_slice(&packed);
        Ok(())
    })?;
    Ok(vm.none.clone())
}

/// Runs `f` on the bytes of a writable buffer: a bytearray, or an
/// array of the `array` module.
fn with_writable_buffer(
    vm: &Vm,
    buffer: &Object,
    f: impl FnOnce(&mut [u8]) -> PyResult<()>,
) -> PyResult<()> {
    if let Some(b) = buffer.payload::<ByteArrayObject>() {
        return f(&mut b.bytes.borrow_mut());
    }
    if let Some(data) = super::array::array_data(buffer) {
        return f(&mut data.borrow_mut());
    }
    Err(vm.new_type_error(format!(
        "argument must be read-write bytes-like object, not {}",
        vm.type_name(buffer)
    )))
}

// Unpacking

fn unpack_item(vm: &Vm, order: Order, item: &Item, data: &[u8]) -> Object {
    let data = &data[item.offset..item.offset + item.size];
    let size = item.size;
    let raw = || get(data, size, order);
    let signed = || {
        let shift = 64 - size * 8;
        ((raw() << shift) as i64) >> shift
    };
    let unsigned = |u: u64| match i64::try_from(u) {
        Ok(i) => vm.new_int(i),
        Err(_) => new_big(vm, IBig::from(u)),
    };
    match item.code {
        b'c' => new_bytes(vm, data.to_vec()),
        b's' => new_bytes(vm, data.to_vec()),
        b'p' => {
            let n = match data.first() {
                Some(&n) => usize::from(n).min(size - 1),
                None => 0,
            };
            new_bytes(vm, data.get(1..1 + n).unwrap_or_default().to_vec())
        }
        b'?' => vm.new_bool(data[0] != 0),
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => vm.new_int(signed()),
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => unsigned(raw()),
        b'e' => vm.new_float(unpack_half(raw() as u16)),
        b'f' => vm.new_float(f64::from(f32::from_bits(raw() as u32))),
        // 'd', the one code left.
        _ => vm.new_float(f64::from_bits(raw())),
    }
}

/// The size of native format character `code`, for memoryview.
pub(crate) fn native_size(code: u8) -> Option<usize> {
    item_size(Order::Native, code)
}

/// The value of one item of native format character `code` held in
/// `data` (as many bytes as the code's native size), for memoryview.
pub(crate) fn unpack_native(vm: &Vm, code: u8, data: &[u8]) -> Object {
    let item = Item {
        code,
        offset: 0,
        size: data.len(),
    };
    unpack_item(vm, Order::Native, &item, data)
}

fn unpack_at(vm: &Vm, s: &StructObject, data: &[u8]) -> Object {
    let values = s
        .format
        .items
        .iter()
        .map(|item| unpack_item(vm, s.format.order, item, data))
        .collect();
    vm.new_tuple(values)
}

fn unpack(vm: &Vm, s: &StructObject, buffer: &Object) -> PyResult {
    let data = buffer_arg(vm, buffer)?;
    if data.len() != s.format.size {
        return Err(struct_error(
            vm,
            format!("unpack requires a buffer of {} bytes", s.format.size),
        ));
    }
    Ok(unpack_at(vm, s, &data))
}

fn unpack_from(vm: &Vm, s: &StructObject, buffer: &Object, offset: Option<&Object>) -> PyResult {
    let data = buffer_arg(vm, buffer)?;
    let offset = match offset {
        Some(o) => ssize_arg(vm, o)?,
        None => 0,
    };
    let start = buffer_start(vm, Direction::Unpack, offset, data.len(), s.format.size)?;
    Ok(unpack_at(vm, s, &data[start..]))
}

/// Which of pack_into and unpack_from checks a buffer's room.
#[derive(Clone, Copy)]
enum Direction {
    Pack,
    Unpack,
}

/// Where in a buffer of `len` bytes `size` bytes are packed into or
/// unpacked from, given the offset (negative from the end), with
/// CPython's messages when they do not fit.
fn buffer_start(
    vm: &Vm,
    direction: Direction,
    offset: i64,
    len: usize,
    size: usize,
) -> PyResult<usize> {
    let (len, size) = (len as i64, size as i64);
    let mut start = offset;
    if offset < 0 {
        if offset + len < 0 {
            return Err(struct_error(
                vm,
                format!("offset {offset} out of range for {len}-byte buffer"),
            ));
        }
        start = offset + len;
        if len - start < size {
            return Err(struct_error(
                vm,
                match direction {
                    Direction::Pack => format!("no space to pack {size} bytes at offset {offset}"),
                    Direction::Unpack => {
                        format!("not enough data to unpack {size} bytes at offset {offset}")
                    }
                },
            ));
        }
    }
    if len - start < size {
        let (function, verb) = match direction {
            Direction::Pack => ("pack_into", "packing"),
            Direction::Unpack => ("unpack_from", "unpacking"),
        };
        return Err(struct_error(
            vm,
            format!(
                "{function} requires a buffer of at least {} bytes for {verb} {size} bytes at offset {start} (actual buffer size is {len})",
                size + start
            ),
        ));
    }
    Ok(start as usize)
}

#[derive(krait_derive::Traverse)]
pub struct UnpackIterator {
    /// The Struct, whose format the items follow.
    owner: Object,
    #[traverse(skip)]
    data: Vec<u8>,
    #[traverse(skip)]
    position: Cell<usize>,
}

fn iterator_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a UnpackIterator> {
    o.payload::<UnpackIterator>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a '_struct.unpack_iterator' object"))
}

fn iter_unpack(vm: &Vm, owner: &Object, buffer: &Object) -> PyResult {
    let s = struct_of(vm, owner)?;
    if s.format.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    let data = buffer_arg(vm, buffer)?.into_owned();
    if data.len() % s.format.size != 0 {
        return Err(struct_error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                s.format.size
            ),
        ));
    }
    Ok(object::alloc(
        &unpack_iterator_type(vm)?,
        UnpackIterator {
            owner: owner.clone(),
            data,
            position: Cell::new(0),
        },
    ))
}

fn unpack_iterator_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let it = iterator_of(vm, it)?;
    let position = it.position.get();
    if position >= it.data.len() {
        return Ok(None);
    }
    let s = struct_of(vm, &it.owner)?;
    it.position.set(position + s.format.size);
    Ok(Some(unpack_at(vm, s, &it.data[position..])))
}

// The module's functions and the Struct's methods

/// The format argument and the rest of a module function's arguments.
fn split_format<'a>(vm: &Vm, name: &str, args: Args<'a>) -> PyResult<(Object, &'a [Object])> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{name}() takes no keyword arguments")));
    }
    let Some((format, rest)) = args.values.split_first() else {
        return Err(vm.new_type_error("missing format argument"));
    };
    Ok((cached_struct(vm, format)?, rest))
}

static FUNCTIONS: &[(&str, NativeFn)] = &[
    ("pack", |vm, args| {
        let (s, values) = split_format(vm, "pack", args)?;
        pack(vm, struct_of(vm, &s)?, values)
    }),
    ("pack_into", |vm, args| {
        let (s, rest) = split_format(vm, "pack_into", args)?;
        pack_into(vm, struct_of(vm, &s)?, rest)
    }),
    ("unpack", |vm, args| {
        check_function_arity(vm, "unpack", args, 2, 2)?;
        let s = cached_struct(vm, &args.values[0])?;
        unpack(vm, struct_of(vm, &s)?, &args.values[1])
    }),
    ("unpack_from", |vm, args| {
        let Some(format) = args.positional().first() else {
            return Err(
                vm.new_type_error("unpack_from() missing required argument 'format' (pos 1)")
            );
        };
        let rest = Args {
            values: args.values,
            kwnames: args.kwnames,
        };
        let bound = bind(vm, "unpack_from", rest, true, &["buffer", "offset"], 1)?;
        let s = cached_struct(vm, format)?;
        unpack_from(
            vm,
            struct_of(vm, &s)?,
            bound[0].as_ref().expect("required"),
            bound[1].as_ref(),
        )
    }),
    ("iter_unpack", |vm, args| {
        check_function_arity(vm, "iter_unpack", args, 2, 2)?;
        let s = cached_struct(vm, &args.values[0])?;
        iter_unpack(vm, &s, &args.values[1])
    }),
    ("calcsize", |vm, args| {
        check_function_arity(vm, "calcsize", args, 1, 1)?;
        let s = cached_struct(vm, &args.values[0])?;
        Ok(vm.new_int(struct_of(vm, &s)?.format.size as i64))
    }),
    ("_clearcache", |vm, args| {
        check_function_arity(vm, "_clearcache", args, 0, 0)?;
        if let Some(cache) = vm.module_state.borrow().get("_struct._cache") {
            cache.payload::<DictObject>().expect("a dict").dict.clear();
        }
        Ok(vm.none.clone())
    }),
];

static STRUCT_METHODS: &[(&str, NativeFn)] = &[
    ("pack", |vm, args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("pack() takes no keyword arguments"));
        }
        pack(vm, struct_of(vm, &args.values[0])?, &args.values[1..])
    }),
    ("pack_into", |vm, args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("pack_into() takes no keyword arguments"));
        }
        pack_into(vm, struct_of(vm, &args.values[0])?, &args.values[1..])
    }),
    ("unpack", |vm, args| {
        check_arity(vm, "Struct.unpack", args, 2, 2)?;
        unpack(vm, struct_of(vm, &args.values[0])?, &args.values[1])
    }),
    ("unpack_from", |vm, args| {
        let bound = bind(vm, "unpack_from", args, true, &["buffer", "offset"], 1)?;
        unpack_from(
            vm,
            struct_of(vm, &args.values[0])?,
            bound[0].as_ref().expect("required"),
            bound[1].as_ref(),
        )
    }),
    ("iter_unpack", |vm, args| {
        check_arity(vm, "Struct.iter_unpack", args, 2, 2)?;
        iter_unpack(vm, &args.values[0], &args.values[1])
    }),
    ("__sizeof__", |vm, args| {
        check_arity(vm, "__sizeof__", args, 1, 1)?;
        let s = struct_of(vm, &args.values[0])?;
        Ok(vm.new_int(40 + 24 * (s.format.items.len() as i64 + 1)))
    }),
];
