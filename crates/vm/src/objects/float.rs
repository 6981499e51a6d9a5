//! `float` (Objects/floatobject.c): IEEE doubles, with Python's repr,
//! hash, division and modulo rules, exact comparison with ints, and
//! `round()` (Python/bltinmodule.c's `builtin_round`).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::int::{int_value, IBig, IntValue};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use dashu_int::ops::{BitTest, UnsignedAbs};
use dashu_int::{Sign, UBig};

pub use crate::format::float_repr;

#[derive(krait_derive::Traverse)]
pub struct FloatObject {
    pub value: f64,
}

impl FloatObject {
    pub fn new(value: f64) -> FloatObject {
        FloatObject { value }
    }
}

/// The value of a float (or float subclass instance).
#[inline]
pub fn float_value(object: &Object) -> Option<f64> {
    object.payload::<FloatObject>().map(|f| f.value)
}

/// The value of a float of the type `float` itself (not a subclass).
#[inline]
pub fn exact_float_value(vm: &Vm, object: &Object) -> Option<f64> {
    if object.heap_type()?.is(&vm.types.float) {
        float_value(object)
    } else {
        None
    }
}

/// A number as a float for float arithmetic: floats, and ints converted
/// (OverflowError if too large); None for other types.
fn operand(vm: &Vm, object: &Object) -> PyResult<Option<f64>> {
    if let Some(f) = float_value(object) {
        return Ok(Some(f));
    }
    if int_value(object).is_some() {
        return crate::objects::int::to_f64(vm, object).map(Some);
    }
    Ok(None)
}

fn this(args: &Args) -> f64 {
    float_value(&args.values[0]).unwrap_or(0.0)
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.float);
    tp.slots.repr.set(Some(|vm, o| {
        Ok(vm.new_str(&float_repr(float_value(o).unwrap_or(0.0))))
    }));
    tp.slots
        .hash
        .set(Some(|_, o| Ok(hash_f64(float_value(o).unwrap_or(0.0)))));
    tp.slots.richcompare.set(Some(float_richcompare));
    tp.slots
        .nb_bool
        .set(Some(|_, o| Ok(float_value(o).unwrap_or(0.0) != 0.0)));
    tp.slots
        .nb_add
        .set(Some(|vm, a, b| binary(vm, a, b, |_, x, y| Ok(x + y))));
    tp.slots
        .nb_subtract
        .set(Some(|vm, a, b| binary(vm, a, b, |_, x, y| Ok(x - y))));
    tp.slots
        .nb_multiply
        .set(Some(|vm, a, b| binary(vm, a, b, |_, x, y| Ok(x * y))));
    tp.slots.nb_true_divide.set(Some(|vm, a, b| {
        binary(vm, a, b, |vm, x, y| {
            if y == 0.0 {
                return Err(vm.new_zero_division_error("float division by zero"));
            }
            Ok(x / y)
        })
    }));
    tp.slots.nb_floor_divide.set(Some(|vm, a, b| {
        binary(vm, a, b, |vm, x, y| {
            if y == 0.0 {
                return Err(vm.new_zero_division_error("float floor division by zero"));
            }
            Ok(divmod(x, y).0)
        })
    }));
    tp.slots.nb_remainder.set(Some(|vm, a, b| {
        binary(vm, a, b, |vm, x, y| {
            if y == 0.0 {
                return Err(vm.new_zero_division_error("float modulo"));
            }
            Ok(divmod(x, y).1)
        })
    }));
    tp.slots.nb_divmod.set(Some(|vm, a, b| {
        let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
            return Ok(vm.not_implemented.clone());
        };
        if y == 0.0 {
            return Err(vm.new_zero_division_error("float divmod()"));
        }
        let (q, r) = divmod(x, y);
        Ok(vm.new_tuple(vec![vm.new_float(q), vm.new_float(r)]))
    }));
    tp.slots.nb_power.set(Some(|vm, a, b, m| {
        let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
            return Ok(vm.not_implemented.clone());
        };
        if !vm.is_none(m) {
            return Err(vm.new_type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        }
        float_pow_values(vm, x, y)
    }));
    tp.slots.nb_negative.set(Some(|vm, a| {
        Ok(vm.new_float(-float_value(a).unwrap_or(0.0)))
    }));
    tp.slots.nb_positive.set(Some(exact_float));
    tp.slots.nb_absolute.set(Some(|vm, a| {
        Ok(vm.new_float(float_value(a).unwrap_or(0.0).abs()))
    }));
    tp.slots.nb_float.set(Some(exact_float));
    tp.slots.nb_int.set(Some(|vm, a| {
        float_to_int(vm, float_value(a).unwrap_or(0.0))
    }));
    tp.slots.new.set(Some(float_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.float);
    add_methods(
        vm,
        &vm.types.float,
        &[
            ("is_integer", |vm, args| {
                check_arity(vm, "float.is_integer", args, 1, 1)?;
                let x = this(&args);
                Ok(vm.new_bool(x.is_finite() && x.fract() == 0.0))
            }),
            ("conjugate", |vm, args| {
                check_arity(vm, "float.conjugate", args, 1, 1)?;
                exact_float(vm, &args.values[0])
            }),
            ("__trunc__", |vm, args| {
                check_arity(vm, "float.__trunc__", args, 1, 1)?;
                float_to_int(vm, this(&args))
            }),
            ("__floor__", |vm, args| {
                check_arity(vm, "float.__floor__", args, 1, 1)?;
                float_to_int(vm, this(&args).floor())
            }),
            ("__ceil__", |vm, args| {
                check_arity(vm, "float.__ceil__", args, 1, 1)?;
                float_to_int(vm, this(&args).ceil())
            }),
            ("__round__", float_round),
            ("__getnewargs__", |vm, args| {
                check_arity(vm, "float.__getnewargs__", args, 1, 1)?;
                Ok(vm.new_tuple(vec![vm.new_float(this(&args))]))
            }),
            ("as_integer_ratio", |vm, args| {
                check_arity(vm, "float.as_integer_ratio", args, 1, 1)?;
                let x = this(&args);
                if x.is_nan() {
                    return Err(vm.new_value_error("cannot convert NaN to integer ratio"));
                }
                if x.is_infinite() {
                    return Err(vm.new_overflow_error("cannot convert Infinity to integer ratio"));
                }
                let (n, d) = integer_ratio(x);
                Ok(vm.new_tuple(vec![
                    crate::objects::int::new_big(vm, n),
                    crate::objects::int::new_big(vm, IBig::from(d)),
                ]))
            }),
            ("hex", |vm, args| {
                check_arity(vm, "float.hex", args, 1, 1)?;
                Ok(vm.new_str(&float_hex(this(&args))))
            }),
            ("__format__", |vm, args| {
                check_arity(vm, "float.__format__", args, 2, 2)?;
                let spec = crate::objects::int::format_spec_arg(vm, &args.values[1])?;
                let x = this(&args);
                if spec.is_empty() {
                    return vm.str(&args.values[0]);
                }
                let name = vm.type_name(&args.values[0]);
                Ok(vm.new_str(&crate::format::format_float(vm, x, &spec, &name)?))
            }),
        ],
    );
    let tp = type_payload(&vm.types.float);
    let fromhex = crate::objects::function::new_builtin_function(vm, "fromhex", float_fromhex);
    tp.dict.set_str(
        vm,
        vm.intern("fromhex"),
        crate::objects::descr::new_classmethod(vm, fromhex),
    );
    let getformat =
        crate::objects::function::new_builtin_function(vm, "__getformat__", float_getformat);
    tp.dict.set_str(
        vm,
        vm.intern("__getformat__"),
        crate::objects::descr::new_classmethod(vm, getformat),
    );
    crate::objects::descr::add_getset(vm, &vm.types.float, "real", exact_float, None);
    crate::objects::descr::add_getset(
        vm,
        &vm.types.float,
        "imag",
        |vm, _| Ok(vm.new_float(0.0)),
        None,
    );
}

/// The exact float equal to a float (subclass) instance.
fn exact_float(vm: &Vm, a: &Object) -> PyResult {
    if vm.type_of(a).is(&vm.types.float) {
        return Ok(a.clone());
    }
    Ok(vm.new_float(float_value(a).unwrap_or(0.0)))
}

#[inline]
fn binary(vm: &Vm, a: &Object, b: &Object, op: fn(&Vm, f64, f64) -> PyResult<f64>) -> PyResult {
    let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(vm.new_float(op(vm, x, y)?))
}

/// Python's floor division and modulo of floats: the remainder has the
/// divisor's sign, and the quotient is the float nearest the exact
/// floor (`float_divmod`).
pub fn divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn is_odd_integer(y: f64) -> bool {
    y.is_finite() && y.fract() == 0.0 && (y / 2.0).fract() != 0.0
}

/// `x ** y` for floats, with CPython's special cases and errors; a
/// negative base with a fractional exponent gives a complex.
pub fn float_pow_values(vm: &Vm, x: f64, y: f64) -> PyResult {
    if y == 0.0 || x == 1.0 {
        return Ok(vm.new_float(1.0));
    }
    if x.is_nan() || y.is_nan() {
        return Ok(vm.new_float(f64::NAN));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(vm.new_float(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(vm.new_zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(vm.new_float(if is_odd_integer(y) { x } else { 0.0 }));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return crate::objects::complex::complex_pow_values(vm, (x, 0.0), (y, 0.0));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.new_overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(vm.new_float(r))
}

/// `int(x)` for a float: truncation, with CPython's errors.
pub fn float_to_int(vm: &Vm, x: f64) -> PyResult {
    if x.is_nan() {
        return Err(vm.new_value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Ok(vm.new_int(t as i64));
    }
    let (n, _) = integer_ratio(t);
    Ok(crate::objects::int::new_big(vm, n))
}

/// A finite float as an exact fraction in lowest terms, the denominator
/// a power of two.
pub fn integer_ratio(x: f64) -> (IBig, UBig) {
    if x == 0.0 {
        return (IBig::ZERO, UBig::ONE);
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    let zeros = mantissa.trailing_zeros() as i64;
    mantissa >>= zeros;
    exponent += zeros;
    let magnitude = UBig::from(mantissa);
    let (n, d) = if exponent >= 0 {
        (magnitude << exponent as usize, UBig::ONE)
    } else {
        (magnitude, UBig::ONE << (-exponent) as usize)
    };
    let sign = if x < 0.0 {
        Sign::Negative
    } else {
        Sign::Positive
    };
    (IBig::from_parts(sign, n), d)
}

/// The hash of a float: equal to the hash of an equal int, so computed
/// modulo 2**61 - 1 on the exact value (Python/pyhash.c's `_Py_HashDouble`).
pub fn hash_f64(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (n, d) = integer_ratio(x.abs());
    let modulus = crate::objects::int::HASH_MODULUS;
    let n = (n.unsigned_abs() % modulus) as u128;
    // d is 2**k, whose inverse modulo 2**61 - 1 is 2**(61 - k % 61).
    let k = d.bit_len() as u64 - 1;
    let inverse = 1u128 << ((61 - k % 61) % 61);
    let h = (n * inverse % modulus as u128) as i64;
    let h = if x < 0.0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exponent>`, subnormals as
/// `0x0.<digits>p-1022`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        format!("{sign}0x0.{fraction:013x}p-1022")
    } else {
        format!("{sign}0x1.{fraction:013x}p{:+}", biased - 1023)
    }
}

/// `float.fromhex(s)`, a class method.
fn float_fromhex(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "float.fromhex", args, 2, 2)?;
    let (cls, s) = (&args.values[0], &args.values[1]);
    if !vm.is_instance(s, &vm.types.str) {
        return Err(vm.new_type_error("bad argument type for built-in operation"));
    }
    let text = crate::objects::str::as_rust_str(s);
    let value = parse_hex_float(&text).map_err(|overflow| {
        if overflow {
            vm.new_overflow_error("hexadecimal value too large to represent as a float")
        } else {
            vm.new_value_error("invalid hexadecimal floating-point string")
        }
    })?;
    let result = vm.new_float(value);
    if cls.is(&vm.types.float) {
        return Ok(result);
    }
    vm.call(cls, Args::positional_only(&[result]))
}

/// Parses `[sign][0x]hex[.hex][p[sign]dec]` (or inf/nan), correctly
/// rounded; Err(true) on overflow, Err(false) when malformed.
fn parse_hex_float(text: &str) -> Result<f64, bool> {
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let signed = |v: f64| if negative { -v } else { v };
    let lower = s.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(signed(f64::INFINITY));
    }
    if lower == "nan" {
        return Ok(signed(f64::NAN));
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exponent) = match body.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && fraction.is_empty() {
        return Err(false);
    }
    let hex = |part: &str| part.chars().all(|c| c.is_ascii_hexdigit());
    if !hex(whole) || !hex(fraction) {
        return Err(false);
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(false);
            }
            // Exponents beyond any double saturate; the digits decide
            // between overflow and zero below.
            e.parse::<i64>().unwrap_or(if e.starts_with('-') {
                -(1 << 40)
            } else {
                1 << 40
            })
        }
    };
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(signed(0.0));
    }
    let m = UBig::from_str_radix(digits, 16).map_err(|_| false)?;
    let exponent = exponent.saturating_sub(4 * fraction.len() as i64);
    let top = m.bit_len() as i64 + exponent;
    if top > 1024 {
        return Err(true);
    }
    if top < -1080 {
        return Ok(signed(0.0));
    }
    let m = IBig::from(m);
    let value = if exponent >= 0 {
        crate::objects::int::big_to_f64(&(m << exponent as usize))
    } else {
        crate::objects::int::divide_correctly_rounded(&m, &(IBig::ONE << (-exponent) as usize))
    };
    value.map(signed).ok_or(true)
}

/// `float.__getformat__(typestr)`, a class method.
fn float_getformat(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "float.__getformat__", args, 2, 2)?;
    let t = &args.values[1];
    if !vm.is_instance(t, &vm.types.str) {
        return Err(vm.new_type_error(format!(
            "__getformat__() argument must be str, not {}",
            vm.type_name(t)
        )));
    }
    match &*crate::objects::str::as_rust_str(t) {
        "double" | "float" => Ok(vm.new_str("IEEE, little-endian")),
        _ => Err(vm.new_value_error("__getformat__() argument 1 must be 'double' or 'float'")),
    }
}

fn float_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let Some(x) = float_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    if let Some(y) = float_value(b) {
        return Ok(vm.new_bool(match x.partial_cmp(&y) {
            Some(o) => op.test(o),
            None => op == CompareOp::Ne,
        }));
    }
    let Some(y) = int_value(b) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(vm.new_bool(match compare_float_int(x, &y) {
        Some(o) => op.test(o),
        None => op == CompareOp::Ne,
    }))
}

/// Compares a float with an int exactly, as CPython does (never by
/// converting a big int to a rounded float); None for NaN.
pub fn compare_float_int(x: f64, y: &IntValue) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let IntValue::Small(i) = y {
        if i.unsigned_abs() < (1 << 53) {
            return x.partial_cmp(&(*i as f64));
        }
    }
    let floor = x.floor();
    let (whole, _) = integer_ratio(floor);
    match whole.cmp(&y.as_big()) {
        Ordering::Equal if x > floor => Some(Ordering::Greater),
        o => Some(o),
    }
}

fn float_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("float() takes no keyword arguments"));
    }
    if args.values.len() > 1 {
        return Err(vm.new_type_error(format!(
            "float expected at most 1 argument, got {}",
            args.values.len()
        )));
    }
    let value = match args.values.first() {
        None => 0.0,
        Some(x) => to_f64(vm, x)?,
    };
    if ty.is(&vm.types.float) {
        return Ok(vm.new_float(value));
    }
    Ok(object::alloc(ty, FloatObject::new(value)))
}

/// A real number as a Rust f64: a float, an int, or what `__float__` or
/// `__index__` gives; None for other types.
pub(crate) fn real_to_f64(vm: &Vm, x: &Object) -> PyResult<Option<f64>> {
    if let Some(f) = float_value(x) {
        return Ok(Some(f));
    }
    if int_value(x).is_some() {
        return crate::objects::int::to_f64(vm, x).map(Some);
    }
    let tp = vm.type_payload_of(x);
    if let Some(f) = tp.slots.nb_float.get() {
        let r = f(vm, x)?;
        return float_value(&r).map(Some).ok_or_else(|| {
            vm.new_type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(x),
                vm.type_name(&r)
            ))
        });
    }
    if let Some(f) = tp.slots.nb_index.get() {
        let r = f(vm, x)?;
        return crate::objects::int::to_f64(vm, &r).map(Some);
    }
    Ok(None)
}

/// A real number as a Rust f64 (`PyFloat_AsDouble`): what a builtin
/// taking a C double accepts.
pub fn as_double(vm: &Vm, x: &Object) -> PyResult<f64> {
    real_to_f64(vm, x)?
        .ok_or_else(|| vm.new_type_error(format!("must be real number, not {}", vm.type_name(x))))
}

/// `float(x)` as a Rust f64 (`PyNumber_Float`).
pub fn to_f64(vm: &Vm, x: &Object) -> PyResult<f64> {
    if let Some(f) = real_to_f64(vm, x)? {
        return Ok(f);
    }
    let text = if let Some(s) = x.payload::<crate::objects::str::StrObject>() {
        s.to_string_lossy()
    } else if let Some(b) = x.payload::<crate::objects::bytes::BytesObject>() {
        b.bytes.iter().map(|&c| c as char).collect()
    } else {
        return Err(vm.new_type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            vm.type_name(x)
        )));
    };
    parse_float(&text).ok_or_else(|| {
        vm.new_value_error(format!(
            "could not convert string to float: {}",
            vm.repr_string(x).unwrap_or_default()
        ))
    })
}

/// Parses a float as `float(str)` does: whitespace around, a sign,
/// `inf`/`infinity`/`nan` in any case, or a decimal literal whose
/// digits (any Unicode decimal digits) may be separated by single
/// underscores.
pub fn parse_float(text: &str) -> Option<f64> {
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (sign, body) = match s.as_bytes().first() {
        Some(b'-') => (-1.0, &s[1..]),
        Some(b'+') => (1.0, &s[1..]),
        _ => (1.0, s),
    };
    match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN.copysign(sign)),
        _ => {}
    }
    let mut clean = String::with_capacity(body.len());
    let mut previous_digit = false;
    let chars: Vec<char> = body.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit = if c.is_ascii_digit() {
            Some(c)
        } else {
            crate::objects::str::decimal_value(c).and_then(|d| char::from_digit(d, 10))
        };
        match (c, digit) {
            (_, Some(d)) => clean.push(d),
            ('_', None) => {
                let next_digit = chars.get(i + 1).is_some_and(|n| {
                    n.is_ascii_digit() || crate::objects::str::decimal_value(*n).is_some()
                });
                if !(previous_digit && next_digit) {
                    return None;
                }
            }
            ('.' | 'e' | 'E' | '+' | '-', None) => clean.push(c),
            _ => return None,
        }
        previous_digit = digit.is_some();
    }
    // Rust's parser takes what remains but for these forms, which
    // Python's grammar refuses or reads differently.
    let mantissa = clean.split(['e', 'E']).next().unwrap_or("");
    if !mantissa.bytes().any(|b| b.is_ascii_digit()) || clean.starts_with(['+', '-']) {
        return None;
    }
    clean.parse::<f64>().ok().map(|v| sign * v)
}

/// `float.__round__(ndigits=None)`: to an int, ties to even; or to a
/// float correctly rounded to `ndigits` decimal places, as if through
/// the exact decimal value (Objects/floatobject.c's `double_round`).
fn float_round(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "__round__", args, 1, 2)?;
    let x = this(&args);
    let ndigits = match args.values.get(1) {
        Some(n) if !vm.is_none(n) => n,
        _ => return float_to_int(vm, x.round_ties_even()),
    };
    let n = crate::objects::int::index_object(vm, ndigits)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(ndigits)
        ))
    })?;
    let n = int_value(&n).expect("an index is an int");
    // Past these, every double is unchanged, or rounds to zero.
    let n = match n.to_i64() {
        Some(n) if (-308..=323).contains(&n) => n,
        _ if n.is_negative() => return Ok(vm.new_float(0.0 * x)),
        _ => return Ok(vm.new_float(x)),
    };
    if !x.is_finite() || x == 0.0 {
        return Ok(vm.new_float(x));
    }
    let rounded = if n >= 0 {
        let text = format!("{:.*}", n as usize, x);
        text.parse::<f64>().unwrap_or(x)
    } else {
        let (num, den) = integer_ratio(x);
        let unit = IBig::from(den) * IBig::from(10).pow(n.unsigned_abs() as usize);
        let (q, r) = crate::objects::int::floor_divmod(&num, &unit);
        let twice = r << 1usize;
        let up = twice > unit || (twice == unit && q.bit(0));
        let q = if up { q + IBig::ONE } else { q };
        let value = q * IBig::from(10).pow(n.unsigned_abs() as usize);
        match crate::objects::int::big_to_f64(&value) {
            Some(0.0) => 0.0f64.copysign(x),
            Some(v) => v,
            None => return Err(vm.new_overflow_error("rounded value too large to represent")),
        }
    };
    Ok(vm.new_float(rounded))
}

/// The builtin `round(number, ndigits=None)`: calls `__round__`.
pub(crate) fn builtin_round(vm: &Vm, args: Args) -> PyResult {
    let bound = crate::objects::int::bind_args(vm, "round", args, &["number", "ndigits"], 2, 1)?;
    let number = bound[0].as_ref().expect("bound as required");
    let Some(method) = vm.lookup_special(number, &vm.names.__round__)? else {
        return Err(vm.new_type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(number)
        )));
    };
    match &bound[1] {
        Some(n) if !vm.is_none(n) => {
            vm.call(&method, Args::positional_only(std::slice::from_ref(n)))
        }
        _ => vm.call(&method, Args::positional_only(&[])),
    }
}
