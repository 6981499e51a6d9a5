//! `int` and `bool` (Objects/longobject.c, Objects/boolobject.c).
//!
//! An int that fits 63 bits is stored in the object word itself
//! ([`Object::small_int`]); arithmetic on those allocates nothing, and
//! overflows into a heap [`IntObject`] holding a big integer. Heap ints
//! are also the payload of `True`, `False` and instances of int
//! subclasses, whatever their value. Every operation takes either form
//! through [`IntValue`].

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

/// The payload of a heap int.
pub struct IntObject {
    pub value: BigInt,
}

impl IntObject {
    pub fn new(value: BigInt) -> IntObject {
        IntObject { value }
    }
}

/// An int's value, either form.
pub enum IntValue<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntValue<'_> {
    pub fn to_bigint(&self) -> BigInt {
        match self {
            IntValue::Small(i) => BigInt::from(*i),
            IntValue::Big(b) => (*b).clone(),
        }
    }

    pub fn to_i64(&self) -> Option<i64> {
        match self {
            IntValue::Small(i) => Some(*i),
            IntValue::Big(b) => b.to_i64(),
        }
    }
}

/// The value of an int (or bool, or int subclass instance).
#[inline]
pub fn int_value(object: &Object) -> Option<IntValue<'_>> {
    match object.as_small_int() {
        Some(i) => Some(IntValue::Small(i)),
        None => object
            .payload::<IntObject>()
            .map(|i| IntValue::Big(&i.value)),
    }
}

/// An exact int for a big value: small when it fits.
pub fn new_big(vm: &Vm, value: BigInt) -> Object {
    if let Some(o) = value.to_i64().and_then(Object::small_int) {
        return o;
    }
    object::alloc(&vm.types.int, IntObject::new(value))
}

/// The hash of an int: its value modulo 2**61 - 1, with the sign kept,
/// and -1 made -2 (Python/pyhash.c's `_PyHASH_MODULUS`).
pub fn hash_i64(value: i64) -> i64 {
    const MODULUS: i64 = (1 << 61) - 1;
    let h = value.unsigned_abs() % MODULUS as u64;
    let h = if value < 0 { -(h as i64) } else { h as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_big(value: &BigInt) -> i64 {
    const MODULUS: u64 = (1 << 61) - 1;
    let h = (value.magnitude() % MODULUS).to_u64().unwrap_or(0) as i64;
    let h = if value.sign() == Sign::Minus { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash of an int object.
pub fn hash_int_object(vm: &Vm, object: &Object) -> PyResult<i64> {
    match int_value(object) {
        Some(IntValue::Small(i)) => Ok(hash_i64(i)),
        Some(IntValue::Big(b)) => Ok(hash_big(b)),
        None => Err(vm.new_type_error("an integer is required")),
    }
}

/// The value of an object usable as an index (`__index__`), as an i64,
/// or an OverflowError-free None when it is not an integer at all.
pub fn index_value(vm: &Vm, object: &Object) -> PyResult<Option<i64>> {
    let object = match int_value(object) {
        Some(_) => object.clone(),
        None => match vm.type_payload_of(object).slots.nb_index.get() {
            Some(f) => f(vm, object)?,
            None => return Ok(None),
        },
    };
    match int_value(&object) {
        Some(v) => v.to_i64().map(Some).ok_or_else(|| {
            vm.new_exception(
                &vm.exceptions.index_error,
                format!(
                    "cannot fit '{}' into an index-sized integer",
                    vm.type_name(&object)
                ),
            )
        }),
        None => Err(vm.new_type_error(format!(
            "__index__ returned non-int (type {})",
            vm.type_name(&object)
        ))),
    }
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.int);
    tp.slots.repr.set(Some(int_repr));
    tp.slots.hash.set(Some(hash_int_object));
    tp.slots.richcompare.set(Some(int_richcompare));
    tp.slots.nb_bool.set(Some(|_, o| {
        Ok(int_value(o).is_some_and(|v| !matches!(v, IntValue::Small(0))))
    }));
    tp.slots.nb_add.set(Some(|vm, a, b| {
        binary(vm, a, b, |x, y| x.checked_add(y), |x, y| Ok(x + y))
    }));
    tp.slots.nb_subtract.set(Some(|vm, a, b| {
        binary(vm, a, b, |x, y| x.checked_sub(y), |x, y| Ok(x - y))
    }));
    tp.slots.nb_multiply.set(Some(|vm, a, b| {
        binary(vm, a, b, |x, y| x.checked_mul(y), |x, y| Ok(x * y))
    }));
    tp.slots.nb_floor_divide.set(Some(int_floor_divide));
    tp.slots.nb_remainder.set(Some(int_remainder));
    tp.slots.nb_divmod.set(Some(int_divmod));
    tp.slots.nb_true_divide.set(Some(int_true_divide));
    tp.slots.nb_power.set(Some(int_power));
    tp.slots.nb_and.set(Some(int_and));
    tp.slots.nb_or.set(Some(int_or));
    tp.slots.nb_xor.set(Some(int_xor));
    tp.slots.nb_lshift.set(Some(int_lshift));
    tp.slots.nb_rshift.set(Some(int_rshift));
    tp.slots.nb_negative.set(Some(|vm, a| unary(vm, a, |x| -x)));
    tp.slots.nb_positive.set(Some(|vm, a| unary(vm, a, |x| x)));
    tp.slots
        .nb_absolute
        .set(Some(|vm, a| unary(vm, a, |x| x.abs())));
    tp.slots
        .nb_invert
        .set(Some(|vm, a| unary(vm, a, |x| -x - 1)));
    tp.slots.nb_int.set(Some(|vm, a| unary(vm, a, |x| x)));
    tp.slots.nb_index.set(Some(|vm, a| unary(vm, a, |x| x)));
    tp.slots
        .nb_float
        .set(Some(|vm, a| Ok(vm.new_float(to_f64(vm, a)?))));
    tp.slots.new.set(Some(int_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.int);
    crate::objects::function::add_methods(vm, &vm.types.int, &[("bit_length", int_bit_length)]);
    crate::objects::descr::add_getset(vm, &vm.types.int, "real", |vm, a| unary(vm, a, |x| x), None);
    crate::objects::descr::add_getset(
        vm,
        &vm.types.int,
        "imag",
        |_, _| Ok(Object::small_int(0).expect("0 is small")),
        None,
    );

    let tp = type_payload(&vm.types.bool_);
    tp.slots.repr.set(Some(|vm, o| {
        Ok(vm.new_str(if o.is(&vm.true_) { "True" } else { "False" }))
    }));
    tp.slots.new.set(Some(|vm, _, args| {
        crate::objects::function::check_arity(
            vm,
            "bool",
            Args {
                values: &[std::slice::from_ref(&vm.none), args.values].concat(),
                kwnames: args.kwnames,
            },
            1,
            2,
        )?;
        match args.values.first() {
            Some(v) => Ok(vm.new_bool(vm.is_true(v)?)),
            None => Ok(vm.false_.clone()),
        }
    }));
    tp.slots.nb_and.set(Some(|vm, a, b| {
        bool_bitwise(vm, a, b, |x, y| x & y, int_and)
    }));
    tp.slots.nb_or.set(Some(|vm, a, b| {
        bool_bitwise(vm, a, b, |x, y| x | y, int_or)
    }));
    tp.slots.nb_xor.set(Some(|vm, a, b| {
        bool_bitwise(vm, a, b, |x, y| x ^ y, int_xor)
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.bool_);
}

fn bool_bitwise(
    vm: &Vm,
    a: &Object,
    b: &Object,
    op: fn(bool, bool) -> bool,
    int_op: crate::typeobject::BinaryFn,
) -> PyResult {
    if vm.is_instance(a, &vm.types.bool_) && vm.is_instance(b, &vm.types.bool_) {
        return Ok(vm.new_bool(op(a.is(&vm.true_), b.is(&vm.true_))));
    }
    int_op(vm, a, b)
}

fn int_and(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    binary(vm, a, b, |x, y| Some(x & y), |x, y| Ok(x & y))
}

fn int_or(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    binary(vm, a, b, |x, y| Some(x | y), |x, y| Ok(x | y))
}

fn int_xor(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    binary(vm, a, b, |x, y| Some(x ^ y), |x, y| Ok(x ^ y))
}

fn int_repr(vm: &Vm, o: &Object) -> PyResult {
    match int_value(o) {
        Some(IntValue::Small(i)) => Ok(vm.new_str(&i.to_string())),
        Some(IntValue::Big(b)) => {
            let s = b.to_string();
            let digits = s.trim_start_matches('-').len();
            if digits > crate::objects::int::MAX_STR_DIGITS {
                return Err(vm.new_value_error(format!(
                    "Exceeds the limit ({}) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    MAX_STR_DIGITS
                )));
            }
            Ok(vm.new_str(&s))
        }
        None => Err(vm.new_type_error("int.__repr__ needs an int")),
    }
}

/// `sys.int_info.default_max_str_digits`.
pub const MAX_STR_DIGITS: usize = 4300;

/// Applies an integer operation: on i64 when both fit and the result
/// does not overflow, else on big integers. Anything but two ints gives
/// NotImplemented.
#[inline]
fn binary(
    vm: &Vm,
    a: &Object,
    b: &Object,
    small: fn(i64, i64) -> Option<i64>,
    big: fn(BigInt, BigInt) -> PyResult<BigInt>,
) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let Some(r) = small(*x, *y) {
            return Ok(vm.new_int(r));
        }
    }
    Ok(new_big(vm, big(x.to_bigint(), y.to_bigint())?))
}

fn unary(vm: &Vm, a: &Object, op: fn(BigInt) -> BigInt) -> PyResult {
    let Some(x) = int_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(new_big(vm, op(x.to_bigint())))
}

fn zero_check(vm: &Vm, b: &Object, msg: &str) -> PyResult<()> {
    if matches!(int_value(b), Some(IntValue::Small(0))) {
        return Err(vm.new_zero_division_error(msg));
    }
    Ok(())
}

fn int_floor_divide(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    if int_value(a).is_none() || int_value(b).is_none() {
        return Ok(vm.not_implemented.clone());
    }
    zero_check(vm, b, "integer division or modulo by zero")?;
    binary(
        vm,
        a,
        b,
        |x, y| {
            if x == i64::MIN && y == -1 {
                None
            } else {
                Some(Integer::div_floor(&x, &y))
            }
        },
        |x, y| Ok(Integer::div_floor(&x, &y)),
    )
}

fn int_remainder(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    if int_value(a).is_none() || int_value(b).is_none() {
        return Ok(vm.not_implemented.clone());
    }
    zero_check(vm, b, "integer division or modulo by zero")?;
    binary(
        vm,
        a,
        b,
        |x, y| {
            if y == -1 {
                Some(0)
            } else {
                Some(x.mod_floor(&y))
            }
        },
        |x, y| Ok(x.mod_floor(&y)),
    )
}

fn int_divmod(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let q = int_floor_divide(vm, a, b)?;
    if q.is(&vm.not_implemented) {
        return Ok(q);
    }
    let r = int_remainder(vm, a, b)?;
    Ok(vm.new_tuple(vec![q, r]))
}

/// An int as the nearest float, or OverflowError.
pub fn to_f64(vm: &Vm, a: &Object) -> PyResult<f64> {
    match int_value(a) {
        Some(IntValue::Small(i)) => Ok(i as f64),
        Some(IntValue::Big(b)) => b
            .to_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| vm.new_overflow_error("int too large to convert to float")),
        None => Err(vm.new_type_error("an integer is required")),
    }
}

fn int_true_divide(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    zero_check(vm, b, "division by zero")?;
    // Exact when both are exactly representable as floats.
    const EXACT: i64 = 1 << 53;
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if x.abs() <= EXACT && y.abs() <= EXACT {
            return Ok(vm.new_float(*x as f64 / *y as f64));
        }
    }
    Ok(vm.new_float(crate::objects::float::divide_big(
        vm,
        &x.to_bigint(),
        &y.to_bigint(),
    )?))
}

fn int_power(vm: &Vm, a: &Object, b: &Object, modulus: &Object) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if !vm.is_none(modulus) {
        let Some(m) = int_value(modulus) else {
            return Ok(vm.not_implemented.clone());
        };
        let m = m.to_bigint();
        if m.is_zero() {
            return Err(vm.new_value_error("pow() 3rd argument cannot be 0"));
        }
        let (x, mut y) = (x.to_bigint(), y.to_bigint());
        let mut base = x.mod_floor(&m);
        if y.is_negative() {
            base = mod_inverse(&base, &m).ok_or_else(|| {
                vm.new_value_error("base is not invertible for the given modulus")
            })?;
            y = -y;
        }
        let r = base.modpow(&y, &m.abs());
        let r = if m.is_negative() && !r.is_zero() {
            r + &m
        } else {
            r
        };
        return Ok(new_big(vm, r));
    }
    if y.to_bigint().is_negative() {
        let base = to_f64(vm, a)?;
        if base == 0.0 {
            return Err(vm.new_zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return crate::objects::float::float_pow_values(vm, base, to_f64(vm, b)?);
    }
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let Some(r) = u32::try_from(*y).ok().and_then(|e| x.checked_pow(e)) {
            return Ok(vm.new_int(r));
        }
    }
    let exponent = y
        .to_bigint()
        .to_u64()
        .ok_or_else(|| vm.new_overflow_error("exponent too large"))?;
    let base = x.to_bigint();
    let result = num_traits::pow::Pow::pow(&base, exponent);
    Ok(new_big(vm, result))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let e = a.extended_gcd(&m);
    if e.gcd != BigInt::from(1) {
        return None;
    }
    Some(e.x.mod_floor(&m))
}

fn shift_count(vm: &Vm, b: &Object) -> PyResult<Option<u64>> {
    let Some(y) = int_value(b) else {
        return Ok(None);
    };
    let y = y.to_bigint();
    if y.is_negative() {
        return Err(vm.new_value_error("negative shift count"));
    }
    Ok(Some(y.to_u64().unwrap_or(u64::MAX)))
}

fn int_lshift(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let Some(x) = int_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(n) = shift_count(vm, b)? else {
        return Ok(vm.not_implemented.clone());
    };
    if let IntValue::Small(x) = x {
        if x == 0 {
            return Ok(vm.new_int(0));
        }
        if n < 62 && x.abs() < (1 << (62 - n)) {
            return Ok(vm.new_int(x << n));
        }
    }
    let n = usize::try_from(n)
        .ok()
        .filter(|n| *n < (1 << 40))
        .ok_or_else(|| vm.new_overflow_error("too many digits in integer"))?;
    Ok(new_big(vm, x.to_bigint() << n))
}

fn int_rshift(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let Some(x) = int_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(n) = shift_count(vm, b)? else {
        return Ok(vm.not_implemented.clone());
    };
    if let IntValue::Small(x) = x {
        return Ok(vm.new_int(x >> n.min(63)));
    }
    let x = x.to_bigint();
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    if n as u64 >= x.bits() {
        return Ok(vm.new_int(if x.is_negative() { -1 } else { 0 }));
    }
    Ok(new_big(vm, x >> n))
}

fn int_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let Some(x) = int_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(y) = int_value(b) else {
        return Ok(vm.not_implemented.clone());
    };
    let ordering = match (&x, &y) {
        (IntValue::Small(x), IntValue::Small(y)) => x.cmp(y),
        _ => x.to_bigint().cmp(&y.to_bigint()),
    };
    Ok(vm.new_bool(op.test(ordering)))
}

fn int_bit_length(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "bit_length", args, 1, 1)?;
    let x = int_value(&args.values[0]).ok_or_else(|| vm.new_type_error("int expected"))?;
    Ok(vm.new_int(x.to_bigint().bits() as i64))
}

/// `int(x)`, `int(s, base)`.
fn int_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let positional = args.positional();
    let mut base: Option<Object> = positional.get(1).cloned();
    for (name, value) in args.keywords() {
        match &*crate::objects::str::as_rust_str(name) {
            "base" => base = Some(value.clone()),
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for int()"
                )))
            }
        }
    }
    if positional.len() > 2 {
        return Err(vm.new_type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            positional.len()
        )));
    }
    let value = match positional.first() {
        None => {
            if base.is_some() {
                return Err(vm.new_type_error("int() missing string argument"));
            }
            Object::small_int(0).expect("0 is small")
        }
        Some(x) => match base {
            Some(base) => {
                let base = index_value(vm, &base)?.ok_or_else(|| {
                    vm.new_type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        vm.type_name(&base)
                    ))
                })?;
                if base != 0 && !(2..=36).contains(&base) {
                    return Err(vm.new_value_error("int() base must be >= 2 and <= 36, or 0"));
                }
                let Some(s) = x.payload::<crate::objects::str::StrObject>() else {
                    return Err(
                        vm.new_type_error("int() can't convert non-string with explicit base")
                    );
                };
                parse_int(vm, &s.to_string_lossy(), base as u32, x)?
            }
            None => to_int(vm, x)?,
        },
    };
    if ty.is(&vm.types.int) {
        return Ok(value);
    }
    let v = int_value(&value).map(|v| v.to_bigint()).unwrap_or_default();
    Ok(object::alloc(ty, IntObject::new(v)))
}

/// `int(x)` for one argument: `__int__`, `__index__`, `__trunc__`, or
/// parsing a str.
pub fn to_int(vm: &Vm, x: &Object) -> PyResult {
    if let Some(v) = int_value(x) {
        if x.as_small_int().is_some() || vm.type_of(x).is(&vm.types.int) {
            return Ok(x.clone());
        }
        return Ok(new_big(vm, v.to_bigint()));
    }
    if let Some(s) = x.payload::<crate::objects::str::StrObject>() {
        return parse_int(vm, &s.to_string_lossy(), 10, x);
    }
    let tp = vm.type_payload_of(x);
    if let Some(f) = tp.slots.nb_int.get() {
        return f(vm, x);
    }
    if let Some(f) = tp.slots.nb_index.get() {
        return f(vm, x);
    }
    Err(vm.new_type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// Parses an int literal as `int(s, base)` does: whitespace around,
/// a sign, underscores between digits, a prefix when base is 0 or
/// matches it.
pub fn parse_int(vm: &Vm, text: &str, base: u32, original: &Object) -> PyResult {
    let invalid = || -> crate::errors::PyErr {
        let repr = vm.repr_string(original).unwrap_or_default();
        vm.new_value_error(format!(
            "invalid literal for int() with base {base}: {repr}"
        ))
    };
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    let (base, digits) = match base {
        0 => {
            if let Some(d) = lower.strip_prefix("0x") {
                (16, d.trim_start_matches('_').to_string())
            } else if let Some(d) = lower.strip_prefix("0o") {
                (8, d.trim_start_matches('_').to_string())
            } else if let Some(d) = lower.strip_prefix("0b") {
                (2, d.trim_start_matches('_').to_string())
            } else {
                if lower.len() > 1
                    && lower.starts_with('0')
                    && lower.bytes().any(|b| b != b'0' && b != b'_')
                {
                    return Err(invalid());
                }
                (10, lower.clone())
            }
        }
        16 => (
            16,
            lower
                .strip_prefix("0x")
                .map(|d| d.strip_prefix('_').unwrap_or(d))
                .unwrap_or(&lower)
                .to_string(),
        ),
        8 => (
            8,
            lower
                .strip_prefix("0o")
                .map(|d| d.strip_prefix('_').unwrap_or(d))
                .unwrap_or(&lower)
                .to_string(),
        ),
        2 => (
            2,
            lower
                .strip_prefix("0b")
                .map(|d| d.strip_prefix('_').unwrap_or(d))
                .unwrap_or(&lower)
                .to_string(),
        ),
        b => (b, lower.clone()),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(invalid());
    }
    let mut clean = String::with_capacity(digits.len());
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            _ => {
                // Unicode decimal digits count as their values.
                match crate::objects::str::decimal_value(c) {
                    Some(d) => d,
                    None => return Err(invalid()),
                }
            }
        };
        if d >= base {
            return Err(invalid());
        }
        clean.push(std::char::from_digit(d, base).unwrap_or('0'));
    }
    if base == 10 && clean.len() > MAX_STR_DIGITS {
        return Err(vm.new_value_error(format!(
            "Exceeds the limit ({MAX_STR_DIGITS}) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            clean.len()
        )));
    }
    let value = BigInt::parse_bytes(clean.as_bytes(), base).ok_or_else(invalid)?;
    Ok(new_big(vm, if negative { -value } else { value }))
}
