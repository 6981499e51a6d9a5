//! `float` (Objects/floatobject.c): IEEE doubles, with Python's repr,
//! hash, division and modulo rules, and exact comparison with ints.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::{int_value, IntValue};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

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
        if !vm.is_none(m) {
            return Err(vm.new_type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        }
        let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
            return Ok(vm.not_implemented.clone());
        };
        float_pow_values(vm, x, y)
    }));
    tp.slots.nb_negative.set(Some(|vm, a| {
        Ok(vm.new_float(-float_value(a).unwrap_or(0.0)))
    }));
    tp.slots.nb_positive.set(Some(
        |vm, a| Ok(vm.new_float(float_value(a).unwrap_or(0.0))),
    ));
    tp.slots.nb_absolute.set(Some(|vm, a| {
        Ok(vm.new_float(float_value(a).unwrap_or(0.0).abs()))
    }));
    tp.slots.nb_float.set(Some(
        |vm, a| Ok(vm.new_float(float_value(a).unwrap_or(0.0))),
    ));
    tp.slots.nb_int.set(Some(|vm, a| {
        float_to_int(vm, float_value(a).unwrap_or(0.0))
    }));
    tp.slots.new.set(Some(float_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.float);
    crate::objects::function::add_methods(
        vm,
        &vm.types.float,
        &[
            ("is_integer", |vm, args| {
                crate::objects::function::check_arity(vm, "is_integer", args, 1, 1)?;
                let x = float_value(&args.values[0]).unwrap_or(0.0);
                Ok(vm.new_bool(x.is_finite() && x.fract() == 0.0))
            }),
            ("__trunc__", |vm, args| {
                float_to_int(vm, float_value(&args.values[0]).unwrap_or(0.0))
            }),
        ],
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.float,
        "real",
        |vm, a| Ok(vm.new_float(float_value(a).unwrap_or(0.0))),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.float,
        "imag",
        |vm, _| Ok(vm.new_float(0.0)),
        None,
    );
}

#[inline]
fn binary(vm: &Vm, a: &Object, b: &Object, op: fn(&Vm, f64, f64) -> PyResult<f64>) -> PyResult {
    let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(vm.new_float(op(vm, x, y)?))
}

/// Python's floor division and modulo of floats: the remainder has the
/// divisor's sign (`float_divmod`).
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

/// `x ** y` for floats, with CPython's errors.
pub fn float_pow_values(vm: &Vm, x: f64, y: f64) -> PyResult {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(vm.new_zero_division_error("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(vm.new_value_error("negative number cannot be raised to a fractional power"));
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
    Ok(crate::objects::int::new_big(
        vm,
        num_bigint::BigInt::from_f64_exact(t),
    ))
}

trait FromF64Exact {
    fn from_f64_exact(x: f64) -> BigInt;
}

impl FromF64Exact for BigInt {
    fn from_f64_exact(x: f64) -> BigInt {
        num_traits::FromPrimitive::from_f64(x).unwrap_or_default()
    }
}

/// `a / b` for ints too big for exact float division, correctly rounded:
/// the quotient is computed to 55 bits plus a sticky bit, then rounded
/// once by the conversion to f64.
pub fn divide_big(vm: &Vm, a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if a.is_zero() {
        let negative = b.is_negative();
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    let shift = 55 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 {
        (a << shift as usize, b)
    } else {
        (a, b << (-shift) as usize)
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let value = q as f64 * 2f64.powi(-(shift.clamp(-2000, 2000) as i32));
    if value.is_infinite() {
        return Err(vm.new_overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -value } else { value })
}

/// The hash of a float: equal to the hash of an equal int, so computed
/// modulo 2**61 - 1 on the exact value (Python/pyhash.c's `_Py_HashDouble`).
pub fn hash_f64(x: f64) -> i64 {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | h >> (BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    h = ((h << e) & MODULUS) | h >> (BITS - e);
    let h = h as i64;
    let h = if x < 0.0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exponent - 1022)
}

/// `repr(float)`: the shortest string that reads back to the same
/// float, in exponent form below 1e-4 and from 1e16 (`float_repr`).
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits.
    let sci = format!("{:e}", x.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if x < 0.0 { "-" } else { "" };
    let point = exponent + 1;
    if (-4..16).contains(&exponent) {
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{body}")
    } else {
        let mantissa = if digits.len() == 1 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..1], &digits[1..])
        };
        let esign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", exponent.abs())
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
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        });
    }
    if let IntValue::Small(i) = y {
        if i.unsigned_abs() < (1 << 53) {
            return x.partial_cmp(&(*i as f64));
        }
    }
    let y = y.to_bigint();
    let floor = x.floor();
    let fb: BigInt = num_traits::FromPrimitive::from_f64(floor).unwrap_or_default();
    match fb.cmp(&y) {
        std::cmp::Ordering::Equal if x > floor => Some(std::cmp::Ordering::Greater),
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
    Ok(object::alloc(ty, FloatObject::new(value)))
}

/// `float(x)` as a Rust f64.
pub fn to_f64(vm: &Vm, x: &Object) -> PyResult<f64> {
    if let Some(f) = float_value(x) {
        return Ok(f);
    }
    if int_value(x).is_some() {
        return crate::objects::int::to_f64(vm, x);
    }
    if let Some(s) = x.payload::<crate::objects::str::StrObject>() {
        let text = s.to_string_lossy();
        return parse_float(&text).ok_or_else(|| {
            vm.new_value_error(format!(
                "could not convert string to float: {}",
                vm.repr_string(x).unwrap_or_default()
            ))
        });
    }
    let tp = vm.type_payload_of(x);
    if let Some(f) = tp.slots.nb_float.get() {
        let r = f(vm, x)?;
        return float_value(&r).ok_or_else(|| {
            vm.new_type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(x),
                vm.type_name(&r)
            ))
        });
    }
    if let Some(f) = tp.slots.nb_index.get() {
        let r = f(vm, x)?;
        return crate::objects::int::to_f64(vm, &r);
    }
    Err(vm.new_type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// Parses a float literal as `float(str)` does.
pub fn parse_float(text: &str) -> Option<f64> {
    let s = text.trim();
    let lower = s.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, &lower[..]),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN.copysign(sign)),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_'
            && !(i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        {
            return None;
        }
        if !(b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'+' | b'-' | b'_')) {
            return None;
        }
    }
    let clean: String = body.chars().filter(|c| *c != '_').collect();
    clean.parse::<f64>().ok().map(|v| sign * v)
}
