//! `complex` (Objects/complexobject.c): pairs of doubles with Python's
//! arithmetic (Smith's division, powers by repeated squaring for small
//! integral exponents), repr, hash and `format`.

use crate::errors::{PyErr, PyResult};
use crate::format::{float_magnitude, float_text, FormatSpec};
use crate::object::{self, type_payload, Object};
use crate::objects::float::{compare_float_int, float_value, hash_f64, parse_float};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::int::int_value;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;

#[derive(krait_derive::Traverse)]
pub struct ComplexObject {
    pub real: f64,
    pub imag: f64,
}

pub fn new_complex(vm: &Vm, real: f64, imag: f64) -> Object {
    object::alloc(&vm.types.complex, ComplexObject { real, imag })
}

/// The value of a complex (or complex subclass instance).
pub fn complex_value(object: &Object) -> Option<(f64, f64)> {
    object.payload::<ComplexObject>().map(|c| (c.real, c.imag))
}

/// A number as a complex for complex arithmetic; None for other types.
fn operand(vm: &Vm, object: &Object) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = complex_value(object) {
        return Ok(Some(c));
    }
    if let Some(f) = float_value(object) {
        return Ok(Some((f, 0.0)));
    }
    if int_value(object).is_some() {
        return Ok(Some((crate::objects::int::to_f64(vm, object)?, 0.0)));
    }
    Ok(None)
}

/// One part of a complex's repr: the float repr without a `.0`.
fn repr_part(x: f64, always_sign: bool) -> String {
    let body = float_magnitude(x, 'r', 0, false, false);
    let sign = if x.is_sign_negative() && !x.is_nan() {
        "-"
    } else if always_sign {
        "+"
    } else {
        ""
    };
    format!("{sign}{body}")
}

/// `repr(complex)`: `1j`, `(1+2j)`, `(-0-0j)`: the real part is left out
/// only when it is +0.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", repr_part(imag, false));
    }
    format!("({}{}j)", repr_part(real, false), repr_part(imag, true))
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.complex);
    tp.slots.repr.set(Some(|vm, c| {
        let (re, im) = complex_value(c).unwrap_or_default();
        Ok(vm.new_str(&complex_repr(re, im)))
    }));
    tp.slots.hash.set(Some(|_, c| {
        let (re, im) = complex_value(c).unwrap_or_default();
        let h = (hash_f64(re) as u64).wrapping_add(1000003u64.wrapping_mul(hash_f64(im) as u64));
        let h = h as i64;
        Ok(if h == -1 { -2 } else { h })
    }));
    tp.slots.richcompare.set(Some(complex_richcompare));
    tp.slots.nb_bool.set(Some(|_, c| {
        let (re, im) = complex_value(c).unwrap_or_default();
        Ok(re != 0.0 || im != 0.0)
    }));
    tp.slots.nb_add.set(Some(|vm, a, b| {
        binary(vm, a, b, |_, x, y| Ok((x.0 + y.0, x.1 + y.1)))
    }));
    tp.slots.nb_subtract.set(Some(|vm, a, b| {
        binary(vm, a, b, |_, x, y| Ok((x.0 - y.0, x.1 - y.1)))
    }));
    tp.slots.nb_multiply.set(Some(|vm, a, b| {
        binary(vm, a, b, |_, x, y| Ok(multiply(x, y)))
    }));
    tp.slots.nb_true_divide.set(Some(|vm, a, b| {
        binary(vm, a, b, |vm, x, y| {
            divide(x, y).ok_or_else(|| vm.new_zero_division_error("complex division by zero"))
        })
    }));
    tp.slots.nb_power.set(Some(|vm, a, b, m| {
        let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
            return Ok(vm.not_implemented.clone());
        };
        if !vm.is_none(m) {
            return Err(vm.new_value_error("complex modulo"));
        }
        complex_pow_values(vm, x, y)
    }));
    tp.slots.nb_negative.set(Some(|vm, a| {
        let (re, im) = complex_value(a).unwrap_or_default();
        Ok(new_complex(vm, -re, -im))
    }));
    tp.slots.nb_positive.set(Some(exact_complex));
    tp.slots.nb_absolute.set(Some(|vm, a| {
        let (re, im) = complex_value(a).unwrap_or_default();
        let r = re.hypot(im);
        if r.is_infinite() && re.is_finite() && im.is_finite() {
            return Err(vm.new_overflow_error("absolute value too large"));
        }
        Ok(vm.new_float(r))
    }));
    tp.slots.new.set(Some(complex_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.complex);
    add_methods(
        vm,
        &vm.types.complex,
        &[
            ("conjugate", |vm, args| {
                check_arity(vm, "complex.conjugate", args, 1, 1)?;
                let (re, im) = complex_value(&args.values[0]).unwrap_or_default();
                Ok(new_complex(vm, re, -im))
            }),
            ("__complex__", |vm, args| {
                check_arity(vm, "complex.__complex__", args, 1, 1)?;
                exact_complex(vm, &args.values[0])
            }),
            ("__getnewargs__", |vm, args| {
                check_arity(vm, "complex.__getnewargs__", args, 1, 1)?;
                let (re, im) = complex_value(&args.values[0]).unwrap_or_default();
                Ok(vm.new_tuple(vec![vm.new_float(re), vm.new_float(im)]))
            }),
            ("__format__", |vm, args| {
                check_arity(vm, "complex.__format__", args, 2, 2)?;
                let spec = crate::objects::int::format_spec_arg(vm, &args.values[1])?;
                if spec.is_empty() {
                    return vm.str(&args.values[0]);
                }
                let value = complex_value(&args.values[0]).unwrap_or_default();
                let name = vm.type_name(&args.values[0]);
                Ok(vm.new_str(&format_complex(vm, value, &spec, &name)?))
            }),
        ],
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.complex,
        "real",
        |vm, c| Ok(vm.new_float(complex_value(c).unwrap_or_default().0)),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.complex,
        "imag",
        |vm, c| Ok(vm.new_float(complex_value(c).unwrap_or_default().1)),
        None,
    );
}

fn exact_complex(vm: &Vm, a: &Object) -> PyResult {
    if vm.type_of(a).is(&vm.types.complex) {
        return Ok(a.clone());
    }
    let (re, im) = complex_value(a).unwrap_or_default();
    Ok(new_complex(vm, re, im))
}

type Complex = (f64, f64);

fn binary(
    vm: &Vm,
    a: &Object,
    b: &Object,
    op: fn(&Vm, Complex, Complex) -> PyResult<Complex>,
) -> PyResult {
    let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
        return Ok(vm.not_implemented.clone());
    };
    let (re, im) = op(vm, x, y)?;
    Ok(new_complex(vm, re, im))
}

fn multiply(a: Complex, b: Complex) -> Complex {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b` by Smith's method, scaling by the larger part of b so the
/// intermediate products do not overflow; None for division by zero.
fn divide(a: Complex, b: Complex) -> Option<Complex> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // A NaN in b.
        Some((f64::NAN, f64::NAN))
    }
}

/// What went wrong in a complex power, as C's errno would say.
enum PowError {
    Domain,
    Range,
}

/// `a ** n` for a non-negative integer n, by repeated squaring.
fn power_unsigned(a: Complex, n: u64) -> Complex {
    let mut result = (1.0, 0.0);
    let mut base = a;
    let mut n = n;
    while n > 0 {
        if n & 1 == 1 {
            result = multiply(result, base);
        }
        n >>= 1;
        if n > 0 {
            base = multiply(base, base);
        }
    }
    result
}

fn power(a: Complex, b: Complex) -> Result<Complex, PowError> {
    let n = b.0 as i64;
    if b.1 == 0.0 && b.0 == n as f64 && n.abs() <= 100 {
        return if n >= 0 {
            Ok(power_unsigned(a, n as u64))
        } else {
            divide((1.0, 0.0), power_unsigned(a, n.unsigned_abs())).ok_or(PowError::Domain)
        };
    }
    if b == (0.0, 0.0) {
        return Ok((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(PowError::Domain);
        }
        return Ok((0.0, 0.0));
    }
    let modulus = a.0.hypot(a.1);
    let mut length = modulus.powf(b.0);
    let overflowed = length.is_infinite() && modulus.is_finite() && b.0.is_finite();
    let angle = a.1.atan2(a.0);
    let mut phase = angle * b.0;
    if b.1 != 0.0 {
        length /= (angle * b.1).exp();
        phase += b.1 * modulus.ln();
    }
    if overflowed {
        return Err(PowError::Range);
    }
    Ok((length * phase.cos(), length * phase.sin()))
}

/// `a ** b` for complex values, with CPython's errors: a zero base with
/// a negative or complex exponent, and results that overflow.
pub fn complex_pow_values(vm: &Vm, a: Complex, b: Complex) -> PyResult {
    let result = match power(a, b) {
        Ok(r) if r.0.is_infinite() || r.1.is_infinite() => Err(PowError::Range),
        other => other,
    };
    match result {
        Ok((re, im)) => Ok(new_complex(vm, re, im)),
        Err(PowError::Domain) => {
            Err(vm.new_zero_division_error("0.0 to a negative or complex power"))
        }
        Err(PowError::Range) => Err(vm.new_overflow_error("complex exponentiation")),
    }
}

fn complex_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented.clone());
    }
    let Some((re, im)) = complex_value(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let equal = if let Some(y) = int_value(b) {
        im == 0.0 && compare_float_int(re, &y) == Some(std::cmp::Ordering::Equal)
    } else if let Some(f) = float_value(b) {
        re == f && im == 0.0
    } else if let Some((bre, bim)) = complex_value(b) {
        re == bre && im == bim
    } else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(vm.new_bool(equal == (op == CompareOp::Eq)))
}

/// `complex.__format__`: both parts formatted with the spec's type, the
/// imaginary one always signed; with no type, like `repr` (parentheses
/// unless the real part is +0 and left out).
fn format_complex(vm: &Vm, (re, im): Complex, spec: &str, type_name: &str) -> PyResult<String> {
    let spec = FormatSpec::parse(spec, type_name, '>').map_err(|e| vm.new_value_error(e))?;
    if spec.fill == '0' {
        return Err(vm.new_value_error("Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == '=' {
        return Err(
            vm.new_value_error("'=' alignment flag is not allowed in complex format specifier")
        );
    }
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(t) => return Err(crate::format::unknown_code(vm, t, type_name)),
    }
    let plain = spec.ty.is_none();
    let skip_real = plain && re == 0.0 && re.is_sign_positive();
    let part = |x: f64, sign: Option<char>| {
        let part_spec = FormatSpec {
            sign,
            ..spec.clone()
        };
        let (negative, text) = float_text(x, &part_spec, false);
        let sign = if negative {
            "-"
        } else {
            match sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        format!("{sign}{text}")
    };
    let mut body = String::new();
    if !skip_real {
        body.push_str(&part(re, spec.sign));
    }
    body.push_str(&part(im, if skip_real { spec.sign } else { Some('+') }));
    body.push('j');
    if plain && !skip_real {
        body = format!("({body})");
    }
    // Grouping applies inside each part's digits, which float_text does
    // not do: regroup each part when asked.
    if spec.grouping.is_some() {
        body = regroup(&spec, &body);
    }
    Ok(spec.pad(&body))
}

/// Inserts the spec's digit separators into every run of integer digits
/// that starts a part (after a sign or parenthesis) of a formatted
/// complex.
fn regroup(spec: &FormatSpec, body: &str) -> String {
    let sep = spec.grouping.unwrap_or(',');
    let mut out = String::with_capacity(body.len() * 2);
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    let mut at_part_start = true;
    while i < chars.len() {
        let c = chars[i];
        if at_part_start && c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let n = digits.len();
            for (k, d) in digits.chars().enumerate() {
                if k > 0 && (n - k).is_multiple_of(3) {
                    out.push(sep);
                }
                out.push(d);
            }
            at_part_start = false;
            continue;
        }
        at_part_start = matches!(c, '(' | '+' | '-' | ' ');
        if matches!(c, 'e' | 'E') {
            at_part_start = false;
        }
        out.push(c);
        i += 1;
        if matches!(c, 'e' | 'E') && i < chars.len() && matches!(chars[i], '+' | '-') {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// `complex(str)`: underscores are checked first (each between two
/// digits) with float()'s kind of message, then removed.
fn parse_complex_str(vm: &Vm, original: &Object, text: &str) -> PyResult<Complex> {
    if text.contains('_') {
        let chars: Vec<char> = text.chars().collect();
        let ok = chars.iter().enumerate().all(|(i, &c)| {
            c != '_'
                || (i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        });
        if !ok {
            return Err(vm.new_value_error(format!(
                "could not convert string to complex: {}",
                vm.repr_string(original)?
            )));
        }
        let clean: String = chars.into_iter().filter(|c| *c != '_').collect();
        return parse_complex(&clean).ok_or_else(|| malformed(vm));
    }
    parse_complex(text).ok_or_else(|| malformed(vm))
}

fn malformed(vm: &Vm) -> PyErr {
    vm.new_value_error("complex() arg is a malformed string")
}

/// The length of the float literal (without sign) at the start of
/// `s`: `inf`, `infinity`, `nan`, or digits with a point and an
/// exponent.
fn number_length(s: &[char]) -> usize {
    let lower: String = s.iter().take(8).collect::<String>().to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            return word.len();
        }
    }
    let digit = |c: char| c.is_ascii_digit() || crate::objects::str::decimal_value(c).is_some();
    let mut i = 0;
    while i < s.len() && (digit(s[i]) || s[i] == '.') {
        i += 1;
    }
    if i > 0 && i < s.len() && matches!(s[i], 'e' | 'E') {
        let mut j = i + 1;
        if j < s.len() && matches!(s[j], '+' | '-') {
            j += 1;
        }
        let digits_start = j;
        while j < s.len() && digit(s[j]) {
            j += 1;
        }
        if j > digits_start {
            i = j;
        }
    }
    i
}

/// Parses `complex(str)`: `real`, `imagj`, `real±imagj`, `j`, optional
/// parentheses, whitespace around.
fn parse_complex(text: &str) -> Option<Complex> {
    let mut s = text.trim_matches(|c: char| c.is_whitespace());
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        s = inner.trim_matches(|c: char| c.is_whitespace());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut pos = 0;
    let sign_at = |pos: &mut usize| -> f64 {
        match chars.get(*pos) {
            Some('-') => {
                *pos += 1;
                -1.0
            }
            Some('+') => {
                *pos += 1;
                1.0
            }
            _ => 1.0,
        }
    };
    let number_at = |pos: &mut usize| -> Option<Option<f64>> {
        let n = number_length(&chars[*pos..]);
        if n == 0 {
            return Some(None);
        }
        let literal: String = chars[*pos..*pos + n].iter().collect();
        *pos += n;
        parse_float(&literal).map(Some)
    };
    let is_j = |c: Option<&char>| matches!(c, Some('j' | 'J'));
    let first_sign = sign_at(&mut pos);
    let first = number_at(&mut pos)?;
    let end = chars.len();
    match first {
        None => {
            // `j`, `+j`, `-j`.
            (is_j(chars.get(pos)) && pos + 1 == end).then_some((0.0, first_sign))
        }
        Some(x) => {
            if pos == end {
                return Some((first_sign * x, 0.0));
            }
            if is_j(chars.get(pos)) && pos + 1 == end {
                return Some((0.0, first_sign * x));
            }
            if !matches!(chars.get(pos), Some('+' | '-')) {
                return None;
            }
            let second_sign = sign_at(&mut pos);
            let y = number_at(&mut pos)?.unwrap_or(1.0);
            (is_j(chars.get(pos)) && pos + 1 == end).then_some((first_sign * x, second_sign * y))
        }
    }
}

/// `complex(real=0, imag=0)`, or `complex(str)`.
fn complex_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = crate::objects::int::bind_args(vm, "complex", args, &["real", "imag"], 2, 0)?;
    let (real, imag) = (bound[0].as_ref(), bound[1].as_ref());
    let make = |re: f64, im: f64| {
        if ty.is(&vm.types.complex) {
            new_complex(vm, re, im)
        } else {
            object::alloc(ty, ComplexObject { real: re, imag: im })
        }
    };
    let Some(real) = real else {
        return match imag {
            None => Ok(make(0.0, 0.0)),
            Some(i) => {
                let (ire, iim) = number_part(vm, i, "second argument")?;
                let re = if complex_value(i).is_some() {
                    -iim
                } else {
                    0.0
                };
                Ok(make(re, ire))
            }
        };
    };
    if vm.is_instance(real, &vm.types.str) {
        if imag.is_some() {
            return Err(vm.new_type_error("complex() can't take second arg if first is a string"));
        }
        let text = crate::objects::str::as_rust_str(real);
        let (re, im) = parse_complex_str(vm, real, &text)?;
        return Ok(make(re, im));
    }
    if let Some(i) = imag {
        if vm.is_instance(i, &vm.types.str) {
            return Err(vm.new_type_error("complex() second arg can't be a string"));
        }
    }
    if imag.is_none() && ty.is(&vm.types.complex) && vm.type_of(real).is(&vm.types.complex) {
        return Ok(real.clone());
    }
    let mut real_is_complex = complex_value(real).is_some();
    let (mut re, rim) = match vm.lookup_special(real, &vm.names.__complex__)? {
        Some(method) if !real_is_complex => {
            let r = vm.call(&method, Args::positional_only(&[]))?;
            real_is_complex = true;
            complex_value(&r).ok_or_else(|| {
                vm.new_type_error(format!(
                    "__complex__ returned non-complex (type {})",
                    vm.type_name(&r)
                ))
            })?
        }
        _ => number_part(vm, real, "first argument")?,
    };
    // complex(a, b) is a + b*1j, but parts that are not complex are
    // taken as they are, so that signed zeros survive.
    let mut im = rim;
    if let Some(i) = imag {
        let (ire, iim) = number_part(vm, i, "second argument")?;
        im = ire;
        if complex_value(i).is_some() {
            re -= iim;
        }
        if real_is_complex {
            im += rim;
        }
    }
    Ok(make(re, im))
}

/// A complex constructor argument as a complex value: a complex, or a
/// number with `__float__` or `__index__`.
fn number_part(vm: &Vm, x: &Object, which: &str) -> PyResult<Complex> {
    if let Some(c) = complex_value(x) {
        return Ok(c);
    }
    let tp = vm.type_payload_of(x);
    if float_value(x).is_some()
        || int_value(x).is_some()
        || tp.slots.nb_float.get().is_some()
        || tp.slots.nb_index.get().is_some()
    {
        return Ok((crate::objects::float::to_f64(vm, x)?, 0.0));
    }
    Err(vm.new_type_error(format!(
        "complex() {which} must be {}a number, not '{}'",
        if which == "first argument" {
            "a string or "
        } else {
            ""
        },
        vm.type_name(x)
    )))
}
