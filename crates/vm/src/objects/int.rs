//! `int` and `bool` (Objects/longobject.c, Objects/boolobject.c).
//!
//! An int that fits 63 bits is stored in the object word itself
//! ([`Object::small_int`]); arithmetic on those allocates nothing, and
//! overflows into a heap [`IntObject`] holding a big integer (dashu's
//! [`IBig`]; docs/dependencies.md says why that crate). Heap ints are
//! also the payload of `True`, `False` and instances of int subclasses,
//! whatever their value. Every operation takes either form through
//! [`IntValue`], and gives back the small form whenever the result fits.

use crate::errors::{PyErr, PyResult};
use crate::format::{FormatSpec, Number};
use crate::object::{self, type_payload, Object};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::str::{as_rust_str, StrObject};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use dashu_int::fast_div::ConstDivisor;
use dashu_int::ops::{BitTest, DivRem, UnsignedAbs};
use dashu_int::{Sign, UBig};
use std::borrow::Cow;

pub use dashu_int::IBig;

/// The payload of a heap int.
#[derive(krait_derive::Traverse)]
pub struct IntObject {
    pub value: IBig,
}

impl IntObject {
    pub fn new(value: IBig) -> IntObject {
        IntObject { value }
    }
}

/// An int's value, either form.
pub enum IntValue<'a> {
    Small(i64),
    Big(&'a IBig),
}

impl IntValue<'_> {
    pub fn to_bigint(&self) -> IBig {
        match self {
            IntValue::Small(i) => IBig::from(*i),
            IntValue::Big(b) => (*b).clone(),
        }
    }

    /// The value as a big integer, borrowed when it already is one.
    pub fn as_big(&self) -> Cow<'_, IBig> {
        match self {
            IntValue::Small(i) => Cow::Owned(IBig::from(*i)),
            IntValue::Big(b) => Cow::Borrowed(*b),
        }
    }

    pub fn to_i64(&self) -> Option<i64> {
        match self {
            IntValue::Small(i) => Some(*i),
            IntValue::Big(b) => i64::try_from(*b).ok(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match self {
            IntValue::Small(i) => *i < 0,
            IntValue::Big(b) => b.sign() == Sign::Negative,
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            IntValue::Small(i) => *i == 0,
            IntValue::Big(b) => b.is_zero(),
        }
    }

    /// The number of bits of the magnitude (`int.bit_length`).
    pub fn bit_length(&self) -> u64 {
        match self {
            IntValue::Small(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
            IntValue::Big(b) => b.unsigned_abs().bit_len() as u64,
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
pub fn new_big(vm: &Vm, value: IBig) -> Object {
    if let Some(o) = i64::try_from(&value).ok().and_then(Object::small_int) {
        return o;
    }
    object::alloc(&vm.types.int, IntObject::new(value))
}

/// The largest int Krait builds, in bits: past it an operation raises
/// MemoryError instead of asking the allocator for gigabytes (CPython
/// would try, and fail the same way or take hours).
const MAX_BITS: u64 = 1 << 33;

fn memory_error(vm: &Vm) -> PyErr {
    vm.new_exception_empty(&vm.exceptions.memory_error)
}

/// `sys.int_info.default_max_str_digits`: the most decimal digits an
/// int may be converted from or to (CVE-2020-10735).
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The hash modulus of numbers, 2**61 - 1 (Python/pyhash.c).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;

/// The hash of an int: its value modulo 2**61 - 1, with the sign kept,
/// and -1 made -2.
pub fn hash_i64(value: i64) -> i64 {
    let h = (value.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if value < 0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_big(value: &IBig) -> i64 {
    let h = (value.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if value.sign() == Sign::Negative {
        -h
    } else {
        h
    };
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

/// `operator.index(x)`: an int, from `__index__` if needed, or None when
/// the type has no `__index__`.
pub fn index_object(vm: &Vm, object: &Object) -> PyResult<Option<Object>> {
    if int_value(object).is_some() {
        return Ok(Some(object.clone()));
    }
    let Some(f) = vm.type_payload_of(object).slots.nb_index.get() else {
        return Ok(None);
    };
    let r = f(vm, object)?;
    if int_value(&r).is_none() {
        return Err(vm.new_type_error(format!(
            "__index__ returned non-int (type {})",
            vm.type_name(&r)
        )));
    }
    Ok(Some(r))
}

/// The value of an object usable as an index (`__index__`), as an i64,
/// IndexError if it does not fit, or None when it is not an integer at
/// all.
pub fn index_value(vm: &Vm, object: &Object) -> PyResult<Option<i64>> {
    let Some(object) = index_object(vm, object)? else {
        return Ok(None);
    };
    match int_value(&object).and_then(|v| v.to_i64()) {
        Some(i) => Ok(Some(i)),
        None => Err(vm.new_index_error(format!(
            "cannot fit '{}' into an index-sized integer",
            vm.type_name(&object)
        ))),
    }
}

/// [`index_value`] with CPython's TypeError for non-integers.
pub fn expect_index(vm: &Vm, object: &Object) -> PyResult<i64> {
    index_value(vm, object)?.ok_or_else(|| not_an_integer(vm, object))
}

fn not_an_integer(vm: &Vm, object: &Object) -> PyErr {
    vm.new_type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        vm.type_name(object)
    ))
}

/// Binds the arguments of a builtin to its parameters by name, as
/// Argument Clinic does: `names[..positional]` may be given by position,
/// the rest only by keyword, the first `required` must be given. An
/// empty name is a positional-only parameter. The messages are
/// CPython's.
pub(crate) fn bind_args(
    vm: &Vm,
    function: &str,
    args: Args,
    names: &[&str],
    positional: usize,
    required: usize,
) -> PyResult<Vec<Option<Object>>> {
    let given = args.positional();
    let total = args.values.len();
    if total > names.len() {
        return Err(vm.new_type_error(format!(
            "{function}() takes at most {} {}argument{} ({total} given)",
            names.len(),
            if given.is_empty() { "keyword " } else { "" },
            if names.len() == 1 { "" } else { "s" },
        )));
    }
    if given.len() > positional {
        return Err(vm.new_type_error(format!(
            "{function}() takes {} {positional} positional argument{} ({} given)",
            if required < positional {
                "at most"
            } else {
                "exactly"
            },
            if positional == 1 { "" } else { "s" },
            given.len()
        )));
    }
    // Parameters that only come by position (unnamed, before clinic's
    // `/`) are counted before any keyword is looked at.
    let by_position = names[..required]
        .iter()
        .take_while(|n| n.is_empty())
        .count();
    if given.len() < by_position {
        return Err(vm.new_type_error(format!(
            "{function}() takes {} {by_position} positional argument{} ({} given)",
            if by_position == positional {
                "exactly"
            } else {
                "at least"
            },
            if by_position == 1 { "" } else { "s" },
            given.len()
        )));
    }
    let mut bound: Vec<Option<Object>> = vec![None; names.len()];
    for (slot, value) in bound.iter_mut().zip(given) {
        *slot = Some(value.clone());
    }
    for (name, value) in args.keywords() {
        let name = as_rust_str(name);
        let Some(i) = names.iter().position(|n| *n == name) else {
            return Err(vm.new_type_error(format!(
                "'{name}' is an invalid keyword argument for {function}()"
            )));
        };
        if bound[i].is_some() {
            return Err(vm.new_type_error(format!(
                "argument for {function}() given by name ('{name}') and position ({})",
                i + 1
            )));
        }
        bound[i] = Some(value.clone());
    }
    if let Some(i) = bound[..required].iter().position(Option::is_none) {
        return Err(vm.new_type_error(format!(
            "{function}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(bound)
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.int);
    tp.slots.repr.set(Some(int_repr));
    tp.slots.hash.set(Some(hash_int_object));
    tp.slots.richcompare.set(Some(int_richcompare));
    tp.slots
        .nb_bool
        .set(Some(|_, o| Ok(int_value(o).is_some_and(|v| !v.is_zero()))));
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
    tp.slots
        .nb_negative
        .set(Some(|vm, a| unary(vm, a, |x| x.checked_neg(), |x| -x)));
    tp.slots.nb_positive.set(Some(exact_int));
    tp.slots.nb_absolute.set(Some(|vm, a| {
        unary(vm, a, |x| x.checked_abs(), |x| IBig::from(x.unsigned_abs()))
    }));
    tp.slots
        .nb_invert
        .set(Some(|vm, a| unary(vm, a, |x| Some(!x), |x| !x)));
    tp.slots.nb_int.set(Some(exact_int));
    tp.slots.nb_index.set(Some(exact_int));
    tp.slots
        .nb_float
        .set(Some(|vm, a| Ok(vm.new_float(to_f64(vm, a)?))));
    tp.slots.new.set(Some(int_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.int);
    add_methods(
        vm,
        &vm.types.int,
        &[
            ("bit_length", |vm, args| {
                check_arity(vm, "int.bit_length", args, 1, 1)?;
                Ok(vm.new_int(self_value(vm, &args)?.bit_length() as i64))
            }),
            ("bit_count", |vm, args| {
                check_arity(vm, "int.bit_count", args, 1, 1)?;
                let count = match self_value(vm, &args)? {
                    IntValue::Small(i) => i.unsigned_abs().count_ones() as usize,
                    IntValue::Big(b) => b.unsigned_abs().count_ones(),
                };
                Ok(vm.new_int(count as i64))
            }),
            ("conjugate", |vm, args| {
                check_arity(vm, "int.conjugate", args, 1, 1)?;
                exact_int(vm, &args.values[0])
            }),
            ("__trunc__", |vm, args| {
                check_arity(vm, "int.__trunc__", args, 1, 1)?;
                exact_int(vm, &args.values[0])
            }),
            ("__floor__", |vm, args| {
                check_arity(vm, "int.__floor__", args, 1, 1)?;
                exact_int(vm, &args.values[0])
            }),
            ("__ceil__", |vm, args| {
                check_arity(vm, "int.__ceil__", args, 1, 1)?;
                exact_int(vm, &args.values[0])
            }),
            ("__round__", int_round),
            ("__getnewargs__", |vm, args| {
                check_arity(vm, "int.__getnewargs__", args, 1, 1)?;
                Ok(vm.new_tuple(vec![exact_int(vm, &args.values[0])?]))
            }),
            ("as_integer_ratio", |vm, args| {
                check_arity(vm, "int.as_integer_ratio", args, 1, 1)?;
                Ok(vm.new_tuple(vec![exact_int(vm, &args.values[0])?, vm.new_int(1)]))
            }),
            ("to_bytes", int_to_bytes),
            ("__format__", |vm, args| {
                check_arity(vm, "int.__format__", args, 2, 2)?;
                let spec = format_spec_arg(vm, &args.values[1])?;
                Ok(vm.new_str(&format_int(vm, &args.values[0], &spec)?))
            }),
        ],
    );
    let from_bytes =
        crate::objects::function::new_builtin_function(vm, "from_bytes", int_from_bytes);
    tp.dict.set_str(
        vm,
        vm.intern("from_bytes"),
        crate::objects::descr::new_classmethod(vm, from_bytes),
    );
    crate::objects::descr::add_getset(vm, &vm.types.int, "real", exact_int, None);
    crate::objects::descr::add_getset(vm, &vm.types.int, "imag", |vm, _| Ok(vm.new_int(0)), None);
    crate::objects::descr::add_getset(vm, &vm.types.int, "numerator", exact_int, None);
    crate::objects::descr::add_getset(
        vm,
        &vm.types.int,
        "denominator",
        |vm, _| Ok(vm.new_int(1)),
        None,
    );

    let tp = type_payload(&vm.types.bool_);
    tp.slots.repr.set(Some(|vm, o| {
        Ok(vm.new_str(if o.is(&vm.true_) { "True" } else { "False" }))
    }));
    tp.slots.new.set(Some(|vm, _, args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("bool() takes no keyword arguments"));
        }
        crate::objects::function::check_function_arity(vm, "bool", args, 0, 1)?;
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

fn self_value<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<IntValue<'a>> {
    int_value(&args.values[0])
        .ok_or_else(|| vm.new_type_error("descriptor requires an 'int' object"))
}

/// The argument of a `__format__` method, which must be a str.
pub(crate) fn format_spec_arg(vm: &Vm, spec: &Object) -> PyResult<String> {
    if !vm.is_instance(spec, &vm.types.str) {
        return Err(vm.new_type_error(format!(
            "__format__() argument must be str, not {}",
            if vm.is_none(spec) {
                "None".to_string()
            } else {
                vm.type_name(spec)
            }
        )));
    }
    Ok(as_rust_str(spec).into_owned())
}

/// The exact int equal to an int (subclass) instance: `int(x)`, `+x`.
fn exact_int(vm: &Vm, a: &Object) -> PyResult {
    if a.as_small_int().is_some() || vm.type_of(a).is(&vm.types.int) {
        return Ok(a.clone());
    }
    match int_value(a) {
        Some(v) => Ok(new_big(vm, v.to_bigint())),
        None => Ok(vm.not_implemented.clone()),
    }
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

fn limit_error(vm: &Vm) -> PyErr {
    vm.new_value_error(format!(
        "Exceeds the limit ({} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        vm.int_max_str_digits.get()
    ))
}

/// Whether `digits` decimal digits are more than `sys.get_int_max_str_digits()`
/// allows (0 allows any number).
fn over_digit_limit(vm: &Vm, digits: f64) -> bool {
    let limit = vm.int_max_str_digits.get();
    limit > 0 && digits > limit as f64
}

/// The decimal digits of an int, `-` included, within the digit limit.
pub fn to_decimal_string(vm: &Vm, value: &IntValue) -> PyResult<String> {
    match value {
        IntValue::Small(i) => Ok(i.to_string()),
        IntValue::Big(b) => {
            // A number of this many bits has more digits than the limit
            // for sure: refuse before the quadratic-ish conversion.
            let bits = value.bit_length();
            // At least floor((bits - 1) * log10(2)) + 1 digits.
            let limit = vm.int_max_str_digits.get();
            if limit > 0
                && bits.saturating_sub(1) as f64 * std::f64::consts::LOG10_2 >= limit as f64
            {
                return Err(limit_error(vm));
            }
            let s = b.to_string();
            if over_digit_limit(vm, s.trim_start_matches('-').len() as f64) {
                return Err(limit_error(vm));
            }
            Ok(s)
        }
    }
}

/// The digits of an int's magnitude in a power-of-two or other base,
/// lower case, no sign.
fn magnitude_digits(value: &IntValue, base: u32) -> String {
    match value {
        IntValue::Small(i) => {
            let m = i.unsigned_abs();
            match base {
                2 => format!("{m:b}"),
                8 => format!("{m:o}"),
                16 => format!("{m:x}"),
                _ => m.to_string(),
            }
        }
        IntValue::Big(b) => b.unsigned_abs().in_radix(base as u8).to_string(),
    }
}

/// `bin()`, `oct()`, `hex()`: sign, prefix, digits.
pub fn format_radix(value: &IntValue, base: u32, prefix: &str) -> String {
    let sign = if value.is_negative() { "-" } else { "" };
    format!("{sign}{prefix}{}", magnitude_digits(value, base))
}

fn int_repr(vm: &Vm, o: &Object) -> PyResult {
    match int_value(o) {
        Some(v) => Ok(vm.new_str(&to_decimal_string(vm, &v)?)),
        None => Err(vm.new_type_error("int.__repr__ needs an int")),
    }
}

/// `int.__format__`: the integer presentation types, or the float ones
/// on the int converted to float.
pub fn format_int(vm: &Vm, object: &Object, spec: &str) -> PyResult<String> {
    let value = int_value(object).ok_or_else(|| vm.new_type_error("an integer is required"))?;
    if spec.is_empty() {
        return vm.str_string(object);
    }
    let type_name = vm.type_name(object);
    let spec = FormatSpec::parse(spec, &type_name, '>').map_err(|e| vm.new_value_error(e))?;
    let (base, prefix) = match spec.ty {
        None | Some('d' | 'n') => (10, ""),
        Some('b') => (2, "0b"),
        Some('o') => (8, "0o"),
        Some('x') => (16, "0x"),
        Some('X') => (16, "0X"),
        Some('c') => (0, ""),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = to_f64(vm, object)?;
            let (negative, text) = crate::format::float_text(x, &spec, true);
            return Ok(spec.render(&Number::split(negative, String::new(), &text)));
        }
        Some(t) => return Err(crate::format::unknown_code(vm, t, &type_name)),
    };
    if spec.precision.is_some() {
        return Err(vm.new_value_error("Precision not allowed in integer format specifier"));
    }
    if spec.no_neg_zero {
        return Err(vm.new_value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if base == 0 {
        if spec.sign.is_some() {
            return Err(vm.new_value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alternate {
            return Err(vm.new_value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = value
            .to_i64()
            .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C long"))?;
        let c = u32::try_from(c)
            .ok()
            .filter(|c| *c <= 0x10ffff)
            .ok_or_else(|| vm.new_overflow_error("%c arg not in range(0x110000)"))?;
        let text = crate::objects::str::new_from_code_points(vm, &[c]);
        let number = Number {
            negative: false,
            prefix: String::new(),
            digits: String::new(),
            rest: as_rust_str(&text).into_owned(),
        };
        return Ok(spec.render(&number));
    }
    let mut digits = if base == 10 {
        let s = to_decimal_string(vm, &value)?;
        s.trim_start_matches('-').to_string()
    } else {
        magnitude_digits(&value, base)
    };
    if spec.ty == Some('X') {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    Ok(spec.render(&Number {
        negative: value.is_negative(),
        prefix: prefix.to_string(),
        digits,
        rest: String::new(),
    }))
}

/// Applies an integer operation: on i64 when both fit and the result
/// does not overflow, else on big integers. Anything but two ints gives
/// NotImplemented.
#[inline]
fn binary(
    vm: &Vm,
    a: &Object,
    b: &Object,
    small: fn(i64, i64) -> Option<i64>,
    big: fn(&IBig, &IBig) -> PyResult<IBig>,
) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let Some(r) = small(*x, *y) {
            return Ok(vm.new_int(r));
        }
    }
    Ok(new_big(vm, big(&x.as_big(), &y.as_big())?))
}

fn unary(vm: &Vm, a: &Object, small: fn(i64) -> Option<i64>, big: fn(&IBig) -> IBig) -> PyResult {
    match int_value(a) {
        Some(IntValue::Small(x)) => match small(x) {
            Some(r) => Ok(vm.new_int(r)),
            None => Ok(new_big(vm, big(&IBig::from(x)))),
        },
        Some(IntValue::Big(x)) => Ok(new_big(vm, big(x))),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn division_by_zero(vm: &Vm) -> PyErr {
    vm.new_zero_division_error("integer division or modulo by zero")
}

/// Floor division and modulo of big integers: the remainder takes the
/// divisor's sign.
pub fn floor_divmod(x: &IBig, y: &IBig) -> (IBig, IBig) {
    let (q, r) = x.div_rem(y);
    if !r.is_zero() && r.sign() != y.sign() {
        (q - IBig::ONE, r + y)
    } else {
        (q, r)
    }
}

fn small_floor_divmod(x: i64, y: i64) -> (i64, i64) {
    let (q, r) = (x / y, x % y);
    if r != 0 && (r < 0) != (y < 0) {
        (q - 1, r + y)
    } else {
        (q, r)
    }
}

fn int_floor_divide(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    match int_value(b) {
        Some(y) if y.is_zero() && int_value(a).is_some() => Err(division_by_zero(vm)),
        _ => binary(
            vm,
            a,
            b,
            |x, y| Some(small_floor_divmod(x, y).0),
            |x, y| Ok(floor_divmod(x, y).0),
        ),
    }
}

fn int_remainder(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    match int_value(b) {
        Some(y) if y.is_zero() && int_value(a).is_some() => {
            Err(vm.new_zero_division_error("integer modulo by zero"))
        }
        _ => binary(
            vm,
            a,
            b,
            |x, y| Some(small_floor_divmod(x, y).1),
            |x, y| Ok(floor_divmod(x, y).1),
        ),
    }
}

fn int_divmod(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if y.is_zero() {
        return Err(division_by_zero(vm));
    }
    let (q, r) = match (&x, &y) {
        (IntValue::Small(x), IntValue::Small(y)) => {
            let (q, r) = small_floor_divmod(*x, *y);
            (vm.new_int(q), vm.new_int(r))
        }
        _ => {
            let (q, r) = floor_divmod(&x.as_big(), &y.as_big());
            (new_big(vm, q), new_big(vm, r))
        }
    };
    Ok(vm.new_tuple(vec![q, r]))
}

/// A big integer as the nearest float (ties to even), None if that
/// overflows.
pub fn big_to_f64(value: &IBig) -> Option<f64> {
    Some(value.to_f64().value()).filter(|f| f.is_finite())
}

/// An int as the nearest float, or OverflowError.
pub fn to_f64(vm: &Vm, a: &Object) -> PyResult<f64> {
    match int_value(a) {
        Some(IntValue::Small(i)) => Ok(i as f64),
        Some(IntValue::Big(b)) => {
            big_to_f64(b).ok_or_else(|| vm.new_overflow_error("int too large to convert to float"))
        }
        None => Err(vm.new_type_error("an integer is required")),
    }
}

fn int_true_divide(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if y.is_zero() {
        return Err(vm.new_zero_division_error("division by zero"));
    }
    // Both exactly representable: one correctly rounded float division.
    const EXACT: u64 = 1 << 53;
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Ok(vm.new_float(*x as f64 / *y as f64));
        }
    }
    divide_correctly_rounded(&x.as_big(), &y.as_big())
        .map(|f| vm.new_float(f))
        .ok_or_else(|| vm.new_overflow_error("integer division result too large for a float"))
}

/// `a / b` correctly rounded to a float (ties to even), subnormals
/// included; None when the result overflows. The quotient is taken to
/// two bits past the result's last place plus a sticky bit for the
/// remainder, then rounded once.
pub fn divide_correctly_rounded(a: &IBig, b: &IBig) -> Option<f64> {
    let negative = (a.sign() == Sign::Negative) != (b.sign() == Sign::Negative);
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    if a.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // a / b lies in [2**(d-1), 2**(d+1)).
    let d = a.bit_len() as i64 - b.bit_len() as i64;
    // The last place of a double whose leading bit is 2**e.
    let ulp = |e: i64| (e - 52).max(-1074);
    let mut place = ulp(d - 1);
    let quotient = |place: i64| -> (UBig, bool) {
        let shift = 2 - place;
        let (q, r) = if shift >= 0 {
            (&a << shift as usize).div_rem(&b)
        } else {
            a.clone().div_rem(&b << (-shift) as usize)
        };
        (q, !r.is_zero())
    };
    let (mut q, mut sticky) = quotient(place);
    let leading = q.bit_len() as i64 - 1 + place - 2;
    if ulp(leading) > place {
        let extra = (ulp(leading) - place) as usize;
        sticky |= q.trailing_zeros().is_some_and(|z| z < extra);
        q >>= extra;
        place += extra as i64;
    }
    let low = &q % 4u8;
    let mut m = q >> 2;
    if low > 2 || (low == 2 && (sticky || (&m % 2u8) == 1)) {
        m += UBig::ONE;
    }
    let m = u64::try_from(&m).ok()? as f64;
    let value = scale(m, place);
    if value.is_infinite() {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// `m * 2**e` for an m of at most 54 bits whose product is exact or
/// overflows: scaled in two steps so no intermediate power of two
/// leaves the double range.
fn scale(m: f64, e: i64) -> f64 {
    let e = e.clamp(-2200, 2200);
    let half = e / 2;
    m * pow2(half) * pow2(e - half)
}

fn pow2(e: i64) -> f64 {
    if e >= 1024 {
        f64::INFINITY
    } else if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else if e >= -1074 {
        f64::from_bits(1u64 << (e + 1074))
    } else {
        0.0
    }
}

fn int_power(vm: &Vm, a: &Object, b: &Object, modulus: &Object) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    if !vm.is_none(modulus) {
        let Some(m) = int_value(modulus) else {
            return Ok(vm.not_implemented.clone());
        };
        if m.is_zero() {
            return Err(vm.new_value_error("pow() 3rd argument cannot be 0"));
        }
        return power_modulo(vm, &x.as_big(), &y.as_big(), &m.as_big());
    }
    if y.is_negative() {
        // A negative exponent gives a float, as float ** float does.
        let base = to_f64(vm, a)?;
        let exponent = to_f64(vm, b)?;
        return crate::objects::float::float_pow_values(vm, base, exponent);
    }
    if let (IntValue::Small(x), IntValue::Small(y)) = (&x, &y) {
        if let Some(r) = u32::try_from(*y).ok().and_then(|e| x.checked_pow(e)) {
            return Ok(vm.new_int(r));
        }
    }
    let base = x.as_big();
    // 0, 1 and -1 stay small whatever the exponent.
    if (&*base).unsigned_abs() <= UBig::ONE {
        let odd = match &y {
            IntValue::Small(e) => e % 2 == 1,
            IntValue::Big(e) => e.bit(0),
        };
        let r = if (base.sign() == Sign::Negative && !odd) || y.is_zero() {
            IBig::ONE
        } else {
            base.into_owned()
        };
        return Ok(new_big(vm, r));
    }
    let exponent = y.to_i64().and_then(|e| usize::try_from(e).ok());
    match exponent {
        Some(e) if (x.bit_length() - 1).saturating_mul(e as u64) <= MAX_BITS => {
            Ok(new_big(vm, base.pow(e)))
        }
        _ => Err(memory_error(vm)),
    }
}

/// `pow(x, y, m)`: the result has the sign of m; a negative exponent
/// uses the inverse of x modulo m.
fn power_modulo(vm: &Vm, x: &IBig, y: &IBig, m: &IBig) -> PyResult {
    let modulus = m.unsigned_abs();
    if modulus == UBig::ONE {
        return Ok(vm.new_int(0));
    }
    let ring = ConstDivisor::new(modulus);
    let base = ring.reduce(x.clone());
    let r = if y.sign() == Sign::Negative {
        let inverse = base
            .inv()
            .ok_or_else(|| vm.new_value_error("base is not invertible for the given modulus"))?;
        inverse.pow(&y.unsigned_abs())
    } else {
        base.pow(&y.unsigned_abs())
    };
    let r = IBig::from(r.residue());
    let r = if m.sign() == Sign::Negative && !r.is_zero() {
        r + m
    } else {
        r
    };
    Ok(new_big(vm, r))
}

fn shift_count(vm: &Vm, b: &Object) -> PyResult<Option<u64>> {
    let Some(y) = int_value(b) else {
        return Ok(None);
    };
    if y.is_negative() {
        return Err(vm.new_value_error("negative shift count"));
    }
    Ok(Some(y.to_i64().map_or(u64::MAX, |n| n as u64)))
}

fn int_lshift(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let Some(x) = int_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(n) = shift_count(vm, b)? else {
        return Ok(vm.not_implemented.clone());
    };
    if x.is_zero() {
        return Ok(vm.new_int(0));
    }
    if let IntValue::Small(x) = x {
        if n < 62 && x.unsigned_abs() < (1 << (62 - n)) {
            return Ok(vm.new_int(x << n));
        }
    }
    if x.bit_length().saturating_add(n) > MAX_BITS {
        return Err(memory_error(vm));
    }
    Ok(new_big(vm, &*x.as_big() << n as usize))
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
    if n >= x.bit_length() {
        return Ok(vm.new_int(if x.is_negative() { -1 } else { 0 }));
    }
    Ok(new_big(vm, &*x.as_big() >> n as usize))
}

fn compare_values(x: &IntValue, y: &IntValue) -> std::cmp::Ordering {
    match (x, y) {
        (IntValue::Small(x), IntValue::Small(y)) => x.cmp(y),
        _ => x.as_big().cmp(&y.as_big()),
    }
}

fn int_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (int_value(a), int_value(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(vm.new_bool(op.test(compare_values(&x, &y))))
}

/// `int.__round__(ndigits)`: to a multiple of 10**-ndigits, ties to
/// even.
fn int_round(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "__round__", args, 1, 2)?;
    let this = &args.values[0];
    let x = self_value(vm, &args)?;
    let ndigits = match args.values.get(1) {
        None => return exact_int(vm, this),
        Some(n) => index_object(vm, n)?.ok_or_else(|| not_an_integer(vm, n))?,
    };
    let n = int_value(&ndigits).expect("an index is an int");
    if !n.is_negative() {
        return exact_int(vm, this);
    }
    // |x| < 10**k / 2 once 10**k has more digits than x: the result is 0.
    let places = n.to_i64().map(|n| n.unsigned_abs());
    let digits_of_x = (x.bit_length() as f64 * std::f64::consts::LOG10_2) as u64 + 1;
    let Some(places) = places.filter(|p| *p <= digits_of_x) else {
        return Ok(vm.new_int(0));
    };
    let unit = IBig::from(10).pow(places as usize);
    let (q, r) = floor_divmod(&x.as_big(), &unit);
    let twice = &r << 1usize;
    let up = twice > unit || (twice == unit && q.bit(0));
    let q = if up { q + IBig::ONE } else { q };
    Ok(new_big(vm, q * unit))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = bind_args(
        vm,
        "to_bytes",
        rest,
        &["length", "byteorder", "signed"],
        2,
        0,
    )?;
    let length = match &bound[0] {
        Some(l) => expect_index(vm, l)?,
        None => 1,
    };
    let little = byteorder_arg(vm, "to_bytes", bound[1].as_ref())?;
    let signed = match &bound[2] {
        Some(s) => vm.is_true(s)?,
        None => false,
    };
    if length < 0 {
        return Err(vm.new_value_error("length argument must be non-negative"));
    }
    let x =
        int_value(this).ok_or_else(|| vm.new_type_error("descriptor requires an 'int' object"))?;
    let too_big = || vm.new_overflow_error("int too big to convert");
    if x.is_negative() && !signed {
        return Err(vm.new_overflow_error("can't convert negative int to unsigned"));
    }
    let length = usize::try_from(length).map_err(|_| too_big())?;
    // Two's complement of a negative x in `length` bytes is 256**length + x.
    let bits = length.checked_mul(8).ok_or_else(too_big)?;
    let value = x.as_big();
    let magnitude = if x.is_negative() {
        // CPython lets -1 through in zero bytes (it checks the sign of
        // the last byte written, and none is).
        if bits == 0 && x.to_i64() == Some(-1) {
            return Ok(crate::objects::bytes::new_bytes(vm, Vec::new()));
        }
        if x.bit_length() > bits as u64 {
            return Err(too_big());
        }
        let wrapped = (IBig::ONE << bits) + &*value;
        if bits == 0 || !wrapped.bit(bits - 1) {
            return Err(too_big());
        }
        wrapped.unsigned_abs()
    } else {
        let needed = x.bit_length() + u64::from(signed);
        if needed > bits as u64 {
            return Err(too_big());
        }
        (&*value).unsigned_abs()
    };
    let mut bytes = magnitude.to_le_bytes().into_vec();
    bytes.resize(length, 0);
    if !little {
        bytes.reverse();
    }
    Ok(crate::objects::bytes::new_bytes(vm, bytes))
}

fn byteorder_arg(vm: &Vm, function: &str, byteorder: Option<&Object>) -> PyResult<bool> {
    let Some(b) = byteorder else {
        return Ok(false);
    };
    if !vm.is_instance(b, &vm.types.str) {
        return Err(vm.new_type_error(format!(
            "{function}() argument 'byteorder' must be str, not {}",
            vm.type_name(b)
        )));
    }
    match &*as_rust_str(b) {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => Err(vm.new_value_error("byteorder must be either 'little' or 'big'")),
    }
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a class
/// method: a subclass gets `cls(value)`.
fn int_from_bytes(vm: &Vm, args: Args) -> PyResult {
    let Some(cls) = args.values.first() else {
        return Err(vm.new_type_error("from_bytes() needs a class"));
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let bound = bind_args(
        vm,
        "from_bytes",
        rest,
        &["bytes", "byteorder", "signed"],
        2,
        1,
    )?;
    let source = bound[0].as_ref().expect("bound as required");
    let little = byteorder_arg(vm, "from_bytes", bound[1].as_ref())?;
    let signed = match &bound[2] {
        Some(s) => vm.is_true(s)?,
        None => false,
    };
    let mut bytes = bytes_of(vm, source)?;
    if !little {
        bytes.reverse();
    }
    let value = if signed {
        IBig::from_le_bytes(&bytes)
    } else {
        IBig::from(UBig::from_le_bytes(&bytes))
    };
    let result = new_big(vm, value);
    if cls.is(&vm.types.int) {
        return Ok(result);
    }
    vm.call(cls, Args::positional_only(&[result]))
}

/// The bytes of a bytes object or of an iterable of ints in
/// range(256), as `bytes(x)` would take them.
fn bytes_of(vm: &Vm, source: &Object) -> PyResult<Vec<u8>> {
    if let Some(b) = source.payload::<crate::objects::bytes::BytesObject>() {
        return Ok(b.bytes.to_vec());
    }
    let cannot = || {
        vm.new_type_error(format!(
            "cannot convert '{}' object to bytes",
            vm.type_name(source)
        ))
    };
    if vm.is_instance(source, &vm.types.str) || int_value(source).is_some() {
        return Err(cannot());
    }
    let items = vm.collect_iterable(source).map_err(|e| {
        if e.matches(vm, &vm.exceptions.type_error) {
            cannot()
        } else {
            e
        }
    })?;
    items
        .iter()
        .map(|item| {
            let i = expect_index(vm, item)?;
            u8::try_from(i).map_err(|_| vm.new_value_error("bytes must be in range(0, 256)"))
        })
        .collect()
}

/// `int(x)`, `int(s, base)`.
fn int_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let positional = args.positional();
    if args.values.len() > 2 {
        return Err(vm.new_type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.values.len()
        )));
    }
    let mut base: Option<Object> = positional.get(1).cloned();
    for (name, value) in args.keywords() {
        match &*as_rust_str(name) {
            "base" if base.is_none() => base = Some(value.clone()),
            "base" => {
                return Err(
                    vm.new_type_error("argument for int() given by name ('base') and position (2)")
                )
            }
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for int()"
                )))
            }
        }
    }
    let value = match (positional.first(), base) {
        (None, Some(_)) => return Err(vm.new_type_error("int() missing string argument")),
        (None, None) => vm.new_int(0),
        (Some(x), None) => to_int(vm, x)?,
        (Some(x), Some(base)) => {
            let base = index_object(vm, &base)?.ok_or_else(|| not_an_integer(vm, &base))?;
            let base = int_value(&base)
                .and_then(|b| b.to_i64())
                .filter(|b| *b == 0 || (2..=36).contains(b))
                .ok_or_else(|| vm.new_value_error("int() base must be >= 2 and <= 36, or 0"))?;
            match text_of(x) {
                Some(text) => parse_int(vm, &text, base as u32, x)?,
                None => {
                    return Err(
                        vm.new_type_error("int() can't convert non-string with explicit base")
                    )
                }
            }
        }
    };
    if ty.is(&vm.types.int) {
        return Ok(value);
    }
    let v = int_value(&value).map(|v| v.to_bigint()).unwrap_or_default();
    Ok(object::alloc(ty, IntObject::new(v)))
}

/// The text of a str, or of bytes read as Latin-1 (their digits are
/// ASCII either way).
fn text_of(x: &Object) -> Option<String> {
    if let Some(s) = x.payload::<StrObject>() {
        return Some(s.to_string_lossy());
    }
    crate::objects::bytes::bytes_view(x).map(|b| b.iter().map(|&c| c as char).collect())
}

/// `int(x)` for one argument (`PyNumber_Long`): `__int__`, `__index__`,
/// `__trunc__`, or parsing a str or bytes.
pub fn to_int(vm: &Vm, x: &Object) -> PyResult {
    if int_value(x).is_some() {
        return exact_int(vm, x);
    }
    let tp = vm.type_payload_of(x);
    if let Some(f) = tp.slots.nb_int.get() {
        let r = f(vm, x)?;
        if int_value(&r).is_none() {
            return Err(vm.new_type_error(format!(
                "__int__ returned non-int (type {})",
                vm.type_name(&r)
            )));
        }
        return exact_int(vm, &r);
    }
    if let Some(f) = tp.slots.nb_index.get() {
        let r = f(vm, x)?;
        if int_value(&r).is_none() {
            return Err(vm.new_type_error(format!(
                "__index__ returned non-int (type {})",
                vm.type_name(&r)
            )));
        }
        return exact_int(vm, &r);
    }
    if let Some(trunc) = vm.lookup_special(x, &vm.names.__trunc__)? {
        let r = vm.call(&trunc, Args::positional_only(&[]))?;
        if int_value(&r).is_some() {
            return exact_int(vm, &r);
        }
        return match index_object(vm, &r)? {
            Some(i) => exact_int(vm, &i),
            None => Err(vm.new_type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                vm.type_name(&r)
            ))),
        };
    }
    if let Some(text) = text_of(x) {
        return parse_int(vm, &text, 10, x);
    }
    Err(vm.new_type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// Whitespace as `str.strip()` and `int()` see it.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Parses an int literal as `int(s, base)` does: whitespace around,
/// a sign, single underscores between digits (and after a base
/// prefix), Unicode decimal digits, and the digit limit for bases that
/// are not powers of two.
pub fn parse_int(vm: &Vm, text: &str, base: u32, original: &Object) -> PyResult {
    let invalid = || -> PyErr {
        let repr = vm.repr_string(original).unwrap_or_default();
        let repr: String = repr.chars().take(200).collect();
        vm.new_value_error(format!(
            "invalid literal for int() with base {base}: {repr}"
        ))
    };
    let s = text.trim_matches(is_space);
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let prefix_base = match s.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    let (radix, digits, after_prefix) = if prefix_base != 0 && (base == 0 || base == prefix_base) {
        (prefix_base, &s[2..], true)
    } else {
        (if base == 0 { 10 } else { base }, s, false)
    };
    // After a prefix one underscore may come before the first digit.
    let digits = if after_prefix {
        digits.strip_prefix('_').unwrap_or(digits)
    } else {
        digits
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
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => crate::objects::str::decimal_value(c).ok_or_else(invalid)?,
        };
        if d >= radix {
            return Err(invalid());
        }
        clean.push(std::char::from_digit(d, radix).unwrap_or('0'));
    }
    // Base 0 reads decimal literals as Python source does: no leading
    // zeros unless the number is zero.
    if base == 0
        && radix == 10
        && clean.len() > 1
        && clean.starts_with('0')
        && clean.bytes().any(|b| b != b'0')
    {
        return Err(invalid());
    }
    if !radix.is_power_of_two() && over_digit_limit(vm, clean.len() as f64) {
        return Err(vm.new_value_error(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            vm.int_max_str_digits.get(),
            clean.len()
        )));
    }
    if clean.len() <= 12 {
        let v = i64::from_str_radix(&clean, radix).map_err(|_| invalid())?;
        return Ok(vm.new_int(if negative { -v } else { v }));
    }
    let value = IBig::from_str_radix(&clean, radix).map_err(|_| invalid())?;
    Ok(new_big(vm, if negative { -value } else { value }))
}
