//! printf-style formatting, `str % args` and `bytes % args`
//! (Objects/unicodeobject.c's `PyUnicode_Format`, Objects/bytesobject.c's
//! `_PyBytes_FormatEx`).
//!
//! One engine serves both: the format is read as code points (a bytes
//! format's bytes are code points below 256) and the result is made of
//! code points, which for bytes are all bytes. The two differ in what
//! `%s` and `%c` accept and in their messages.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::bytes_like;
use crate::objects::int::IBig;
use crate::objects::int::{int_value, IntValue};
use crate::objects::str::StrObject;
use crate::objects::tuple::tuple_items;
use crate::vm::Vm;

/// Which of the two types is formatting.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Str,
    Bytes,
}

#[derive(Default, Clone, Copy)]
struct Flags {
    left: bool,
    sign: bool,
    space: bool,
    alternate: bool,
    zero: bool,
}

/// `format % args`: the code points of the result.
pub fn format(vm: &Vm, target: Target, format: &[u32], args: &Object) -> PyResult<Vec<u32>> {
    let is_tuple = tuple_items(args).is_some();
    let items: Vec<Object> = match tuple_items(args) {
        Some(items) => items.to_vec(),
        None => vec![args.clone()],
    };
    let is_textual = args.payload::<StrObject>().is_some() || bytes_like(args).is_some();
    let dict = (!is_tuple && !is_textual && vm.type_payload_of(args).slots.getitem.get().is_some())
        .then(|| args.clone());
    let mut next_arg = 0usize;
    let mut out: Vec<u32> = Vec::with_capacity(format.len());
    let mut i = 0;
    let at = |i: usize| format.get(i).copied();
    while i < format.len() {
        if format[i] != u32::from(b'%') {
            out.push(format[i]);
            i += 1;
            continue;
        }
        i += 1;
        // Only a `%` right after the `%` is literal: with a key, flags or
        // a width it is a conversion that CPython does not know.
        if at(i) == Some(u32::from(b'%')) {
            out.push(u32::from(b'%'));
            i += 1;
            continue;
        }
        let mut arg: Option<Object> = None;
        if at(i) == Some(u32::from(b'(')) {
            let Some(mapping) = &dict else {
                return Err(vm.new_type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while depth > 0 {
                match at(i) {
                    Some(0x28) => depth += 1,
                    Some(0x29) => depth -= 1,
                    Some(_) => {}
                    None => return Err(vm.new_value_error("incomplete format key")),
                }
                i += 1;
            }
            let key_points = &format[start..i - 1];
            let key = match target {
                Target::Str => crate::objects::str::new_from_code_points(vm, key_points),
                Target::Bytes => crate::objects::bytes::new_bytes(
                    vm,
                    key_points.iter().map(|&c| c as u8).collect(),
                ),
            };
            arg = Some(vm.getitem(mapping, &key)?);
            // A keyed conversion uses up the positional argument.
            next_arg = items.len();
        }
        let mut flags = Flags::default();
        while let Some(c) = at(i) {
            match c {
                0x2D => flags.left = true,
                0x2B => flags.sign = true,
                0x20 => flags.space = true,
                0x23 => flags.alternate = true,
                0x30 => flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        if at(i) == Some(u32::from(b'*')) {
            let w = next_item(vm, &items, &mut next_arg)?;
            let Some(w) = int_value(&w).and_then(|v| v.to_i64()) else {
                return Err(vm.new_type_error("* wants int"));
            };
            if w < 0 {
                flags.left = true;
            }
            width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            while let Some(d) = at(i).filter(|c| (0x30..=0x39).contains(c)) {
                let w = width.unwrap_or(0);
                width = Some(
                    w.checked_mul(10)
                        .and_then(|w| w.checked_add((d - 0x30) as usize))
                        .filter(|&w| w <= isize::MAX as usize)
                        .ok_or_else(|| vm.new_value_error("width too big"))?,
                );
                i += 1;
            }
        }
        let mut precision: Option<usize> = None;
        if at(i) == Some(u32::from(b'.')) {
            i += 1;
            if at(i) == Some(u32::from(b'*')) {
                let p = next_item(vm, &items, &mut next_arg)?;
                let Some(p) = int_value(&p).and_then(|v| v.to_i64()) else {
                    return Err(vm.new_type_error("* wants int"));
                };
                precision = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while let Some(d) = at(i).filter(|c| (0x30..=0x39).contains(c)) {
                    p = p
                        .checked_mul(10)
                        .and_then(|p| p.checked_add((d - 0x30) as usize))
                        .filter(|&p| p <= i32::MAX as usize)
                        .ok_or_else(|| vm.new_value_error("precision too big"))?;
                    i += 1;
                }
                precision = Some(p);
            }
        }
        if width.unwrap_or(0).max(precision.unwrap_or(0)) > crate::objects::stringlib::MAX_RESULT {
            return Err(vm.new_exception_empty(&vm.exceptions.memory_error));
        }
        while matches!(at(i), Some(0x68 | 0x6C | 0x4C)) {
            i += 1;
        }
        let Some(conversion) = at(i) else {
            return Err(vm.new_value_error("incomplete format"));
        };
        i += 1;
        let arg = match arg {
            Some(a) => a,
            None => next_item(vm, &items, &mut next_arg)?,
        };
        let conv = char::from_u32(conversion).unwrap_or('\u{FFFD}');
        let (body, numeric) = match conv {
            's' | 'r' | 'a' => (text_of(vm, target, conv, &arg, precision)?, false),
            'b' if target == Target::Bytes => (text_of(vm, target, conv, &arg, precision)?, false),
            'c' => (char_of(vm, target, &arg)?, false),
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                (format_integer(vm, conv, &arg, flags, precision)?, true)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = real_arg(vm, &arg)?;
                let text = format_float(x, conv, precision.unwrap_or(6), flags.alternate);
                (signed(text, flags), true)
            }
            _ => {
                let shown = if (0x20..0x7F).contains(&conversion) {
                    conv
                } else {
                    '?'
                };
                return Err(vm.new_value_error(format!(
                    "unsupported format character '{shown}' (0x{conversion:x}) at index {}",
                    i - 1
                )));
            }
        };
        pad(&mut out, body, width.unwrap_or(0), flags, numeric);
    }
    if next_arg < items.len() && dict.is_none() {
        return Err(vm.new_type_error(match target {
            Target::Str => "not all arguments converted during string formatting",
            Target::Bytes => "not all arguments converted during bytes formatting",
        }));
    }
    Ok(out)
}

/// The next positional argument.
fn next_item(vm: &Vm, items: &[Object], next: &mut usize) -> PyResult<Object> {
    match items.get(*next) {
        Some(a) => {
            *next += 1;
            Ok(a.clone())
        }
        None => Err(vm.new_type_error("not enough arguments for format string")),
    }
}

/// Puts `body` into `out`, `width` wide: left-justified with `-`, else
/// right-justified, with zeros after the sign and prefix for a number
/// with the `0` flag.
fn pad(out: &mut Vec<u32>, body: Vec<u32>, width: usize, flags: Flags, numeric: bool) {
    let fill = width.saturating_sub(body.len());
    if fill == 0 {
        out.extend(body);
        return;
    }
    if flags.left {
        out.extend(body);
        out.extend(std::iter::repeat_n(0x20, fill));
        return;
    }
    if numeric && flags.zero {
        let mut prefix = 0;
        if matches!(body.first(), Some(0x2B | 0x2D | 0x20)) {
            prefix = 1;
        }
        if body.len() >= prefix + 2
            && body[prefix] == u32::from(b'0')
            && matches!(body[prefix + 1], 0x78 | 0x58 | 0x6F)
        {
            prefix += 2;
        }
        out.extend_from_slice(&body[..prefix]);
        out.extend(std::iter::repeat_n(0x30, fill));
        out.extend_from_slice(&body[prefix..]);
        return;
    }
    out.extend(std::iter::repeat_n(0x20, fill));
    out.extend(body);
}

/// `+` or a space before a number that has no `-`.
fn signed(text: String, flags: Flags) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() + 1);
    if !text.starts_with('-') {
        if flags.sign {
            out.push(u32::from(b'+'));
        } else if flags.space {
            out.push(u32::from(b' '));
        }
    }
    out.extend(text.chars().map(u32::from));
    out
}

fn text_of(
    vm: &Vm,
    target: Target,
    conv: char,
    arg: &Object,
    precision: Option<usize>,
) -> PyResult<Vec<u32>> {
    let mut points: Vec<u32> = match target {
        Target::Str => match conv {
            's' => str_points(&vm.str(arg)?),
            'r' => str_points(&vm.repr(arg)?),
            _ => str_points(&crate::protocols::ascii(vm, arg)?),
        },
        // `%r` of bytes is `%a`: bytes cannot hold a str's repr.
        Target::Bytes => match conv {
            'r' | 'a' => str_points(&crate::protocols::ascii(vm, arg)?),
            _ => bytes_of(vm, arg)?.into_iter().map(u32::from).collect(),
        },
    };
    if let Some(p) = precision {
        points.truncate(p);
    }
    Ok(points)
}

fn str_points(s: &Object) -> Vec<u32> {
    s.payload::<StrObject>()
        .map(|s| s.code_points().collect())
        .unwrap_or_default()
}

/// What `%s` and `%b` of bytes accept: a bytes-like object, or one with
/// `__bytes__`.
fn bytes_of(vm: &Vm, arg: &Object) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(arg) {
        return Ok(b);
    }
    if let Some(method) = vm.lookup_special(arg, &vm.names.__bytes__)? {
        let r = vm.call(&method, crate::typeobject::Args::positional_only(&[]))?;
        return match bytes_like(&r)
            .filter(|_| r.payload::<crate::objects::bytes::BytesObject>().is_some())
        {
            Some(b) => Ok(b),
            None => Err(vm.new_type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    Err(vm.new_type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        vm.type_name(arg)
    )))
}

fn char_of(vm: &Vm, target: Target, arg: &Object) -> PyResult<Vec<u32>> {
    match target {
        Target::Str => {
            if let Some(s) = arg.payload::<StrObject>() {
                if s.len() == 1 {
                    return Ok(vec![s.code_point(0)]);
                }
                return Err(vm.new_type_error("%c requires int or char"));
            }
            let Some(v) = int_value(arg) else {
                return Err(vm.new_type_error("%c requires int or char"));
            };
            match v.to_i64() {
                Some(c) if (0..0x110000).contains(&c) => Ok(vec![c as u32]),
                _ => Err(vm.new_overflow_error("%c arg not in range(0x110000)")),
            }
        }
        Target::Bytes => {
            if let Some(b) = bytes_like(arg) {
                if b.len() == 1 {
                    return Ok(vec![u32::from(b[0])]);
                }
            } else if let Some(v) = int_value(arg) {
                return match v.to_i64() {
                    Some(c) if (0..256).contains(&c) => Ok(vec![c as u32]),
                    _ => Err(vm.new_overflow_error("%c arg not in range(256)")),
                };
            }
            Err(vm.new_type_error("%c requires an integer in range(256) or a single byte"))
        }
    }
}

/// The float value of a `%e`, `%f` or `%g` argument (`PyFloat_AsDouble`).
fn real_arg(vm: &Vm, arg: &Object) -> PyResult<f64> {
    let tp = vm.type_payload_of(arg);
    let is_real = crate::objects::float::float_value(arg).is_some()
        || int_value(arg).is_some()
        || tp.slots.nb_float.get().is_some()
        || tp.slots.nb_index.get().is_some();
    if !is_real {
        return Err(vm.new_type_error(format!("must be real number, not {}", vm.type_name(arg))));
    }
    crate::objects::float::to_f64(vm, arg)
}

/// `%d`, `%i`, `%u`, `%o`, `%x` and `%X` (`formatlong`).
fn format_integer(
    vm: &Vm,
    conv: char,
    arg: &Object,
    flags: Flags,
    precision: Option<usize>,
) -> PyResult<Vec<u32>> {
    let decimal = matches!(conv, 'd' | 'i' | 'u');
    let wrong_type = || {
        vm.new_type_error(format!(
            "%{conv} format: {} is required, not {}",
            if decimal {
                "a real number"
            } else {
                "an integer"
            },
            vm.type_name(arg)
        ))
    };
    let value: IBig = match int_value(arg) {
        Some(v) => v.to_bigint(),
        None => {
            let tp = vm.type_payload_of(arg);
            let is_number = crate::objects::float::float_value(arg).is_some()
                || tp.slots.nb_int.get().is_some()
                || tp.slots.nb_index.get().is_some()
                || tp.slots.nb_float.get().is_some();
            if !is_number || arg.payload::<StrObject>().is_some() {
                return Err(wrong_type());
            }
            let converted = if decimal {
                crate::objects::int::to_int(vm, arg)
            } else {
                match tp.slots.nb_index.get() {
                    Some(f) => f(vm, arg),
                    None => Err(wrong_type()),
                }
            };
            let converted = converted.map_err(|e| {
                if e.matches(vm, &vm.exceptions.type_error) {
                    wrong_type()
                } else {
                    e
                }
            })?;
            match int_value(&converted) {
                Some(IntValue::Small(i)) => IBig::from(i),
                Some(IntValue::Big(b)) => b.clone(),
                None => return Err(wrong_type()),
            }
        }
    };
    let value = IntValue::Big(&value);
    let negative = value.is_negative();
    let mut digits = match conv {
        'o' => crate::objects::int::format_radix(&value, 8, ""),
        'x' => crate::objects::int::format_radix(&value, 16, ""),
        'X' => crate::objects::int::format_radix(&value, 16, "").to_ascii_uppercase(),
        _ => crate::objects::int::to_decimal_string(vm, &value)?,
    };
    if negative {
        digits.remove(0);
    }
    if let Some(p) = precision {
        if digits.len() < p {
            digits = "0".repeat(p - digits.len()) + &digits;
        }
    }
    let prefix = match conv {
        'o' if flags.alternate => "0o",
        'x' if flags.alternate => "0x",
        'X' if flags.alternate => "0X",
        _ => "",
    };
    let sign = if negative {
        "-"
    } else if flags.sign {
        "+"
    } else if flags.space {
        " "
    } else {
        ""
    };
    Ok(format!("{sign}{prefix}{digits}")
        .chars()
        .map(u32::from)
        .collect())
}

/// A float as `%e`, `%f` or `%g` (upper case for `E`, `F`, `G`) with
/// `precision` digits, correctly rounded as CPython's `PyOS_double_to_string`
/// gives it; `alternate` keeps the point and, for `g`, trailing zeros.
/// Without a sign flag: a `-` only.
pub fn format_float(x: f64, conv: char, precision: usize, alternate: bool) -> String {
    let upper = conv.is_ascii_uppercase();
    let text = if !x.is_finite() {
        let word = if x.is_nan() {
            "nan"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        };
        word.to_string()
    } else {
        match conv.to_ascii_lowercase() {
            'e' => exponent_form(x, precision, alternate),
            'f' => {
                let mut s = format!("{x:.precision$}");
                if alternate && precision == 0 {
                    s.push('.');
                }
                s
            }
            _ => general_form(x, precision, alternate),
        }
    };
    if upper {
        text.to_ascii_uppercase()
    } else {
        text
    }
}

/// `d.ddde+XX`: Rust's `{:e}` with the exponent signed and at least two
/// digits long.
fn exponent_form(x: f64, precision: usize, alternate: bool) -> String {
    let s = format!("{x:.precision$e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = match exponent.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exponent),
    };
    let point = if alternate && precision == 0 { "." } else { "" };
    format!("{mantissa}{point}e{sign}{digits:0>2}")
}

/// `%g`: the exponent form when the decimal exponent is below -4 or not
/// below the precision, else the fixed form; trailing zeros dropped
/// unless `alternate`.
fn general_form(x: f64, precision: usize, alternate: bool) -> String {
    let p = precision.max(1);
    let e_text = format!("{x:.prec$e}", prec = p - 1);
    let exponent: i64 = e_text
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if exponent < -4 || exponent >= p as i64 {
        exponent_form(x, p - 1, alternate)
    } else {
        let decimals = (p as i64 - 1 - exponent) as usize;
        let mut s = format!("{x:.decimals$}");
        if alternate && decimals == 0 {
            s.push('.');
        }
        s
    };
    if !alternate {
        let (mantissa, exponent) = match s.find('e') {
            Some(at) => (s[..at].to_string(), s[at..].to_string()),
            None => (s.clone(), String::new()),
        };
        let mantissa = if mantissa.contains('.') {
            mantissa
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            mantissa
        };
        s = mantissa + &exponent;
    }
    s
}
