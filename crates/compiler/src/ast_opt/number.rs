//! Python's numbers as constant folding computes with them: `int`, `float`
//! and `complex`, each operation giving what CPython 3.11 gives
//! (Objects/longobject.c, floatobject.c, complexobject.c), or `None` where
//! CPython raises, so that folding leaves the expression to raise at run
//! time.
//!
//! Floats are IEEE doubles and the transcendental functions are the
//! platform's libm, as in CPython, so results agree to the last bit.

use krait_parser::ast::{Operator, UnaryOp};
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// A value of one of Python's numeric types (a `bool` is an `int` here).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Number {
    Int(BigInt),
    Float(f64),
    Complex(Complex),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Complex {
    pub re: f64,
    pub im: f64,
}

const ONE: Complex = Complex { re: 1.0, im: 0.0 };

impl Number {
    /// `float(self)`: ints round to nearest, too large ones raise
    /// OverflowError.
    fn to_float(&self) -> Option<f64> {
        match self {
            Number::Int(i) => int_to_float(i),
            Number::Float(x) => Some(*x),
            Number::Complex(_) => None,
        }
    }

    /// The complex number an operand of a mixed operation is converted to.
    fn to_complex(&self) -> Option<Complex> {
        match self {
            Number::Complex(c) => Some(*c),
            _ => Some(Complex {
                re: self.to_float()?,
                im: 0.0,
            }),
        }
    }
}

/// `-x`, `+x`, `~x`; `not` is not a numeric operation.
pub(super) fn unary(op: UnaryOp, operand: Number) -> Option<Number> {
    match (op, operand) {
        (UnaryOp::USub, Number::Int(i)) => Some(Number::Int(-i)),
        (UnaryOp::USub, Number::Float(x)) => Some(Number::Float(-x)),
        (UnaryOp::USub, Number::Complex(c)) => Some(Number::Complex(Complex {
            re: -c.re,
            im: -c.im,
        })),
        (UnaryOp::UAdd, n) => Some(n),
        (UnaryOp::Invert, Number::Int(i)) => Some(Number::Int(-(i + 1u32))),
        _ => None,
    }
}

/// A binary operator applied to two numbers: ints with ints stay exact,
/// anything with a complex is complex, anything else with a float is float.
pub(super) fn binary(op: Operator, left: &Number, right: &Number) -> Option<Number> {
    match (left, right) {
        (Number::Int(a), Number::Int(b)) => int_binary(op, a, b),
        (Number::Complex(_), _) | (_, Number::Complex(_)) => {
            complex_binary(op, left.to_complex()?, right.to_complex()?)
        }
        _ => float_binary(op, left.to_float()?, right.to_float()?),
    }
}

/// The number as a complex double, ints rounded (infinite if too large):
/// equal numbers give equal results.
pub(super) fn nearest_complex(n: &Number) -> (f64, f64) {
    match n {
        Number::Int(i) => (
            int_to_float(i).unwrap_or(if i.is_negative() {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }),
            0.0,
        ),
        Number::Float(x) => (*x, 0.0),
        Number::Complex(c) => (c.re, c.im),
    }
}

/// `a == b` across the numeric types: exact, never through a rounding.
pub(super) fn equal(a: &Number, b: &Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x == y,
        (Number::Int(i), Number::Float(x)) | (Number::Float(x), Number::Int(i)) => {
            x.fract() == 0.0 && BigInt::from_f64(*x).is_some_and(|x| x == *i)
        }
        (Number::Float(x), Number::Float(y)) => x == y,
        (Number::Complex(x), Number::Complex(y)) => x.re == y.re && x.im == y.im,
        (Number::Complex(c), real) | (real, Number::Complex(c)) => {
            c.im == 0.0 && equal(&Number::Float(c.re), real)
        }
    }
}

fn int_binary(op: Operator, a: &BigInt, b: &BigInt) -> Option<Number> {
    let int = |i: BigInt| Some(Number::Int(i));
    match op {
        Operator::Add => int(a + b),
        Operator::Sub => int(a - b),
        Operator::Mult => int(a * b),
        Operator::Div => int_true_divide(a, b).map(Number::Float),
        Operator::FloorDiv if b.is_zero() => None,
        Operator::FloorDiv => int(a.div_floor(b)),
        Operator::Mod if b.is_zero() => None,
        Operator::Mod => int(a.mod_floor(b)),
        // A negative exponent makes it a float power.
        Operator::Pow if b.is_negative() => float_pow(int_to_float(a)?, int_to_float(b)?),
        Operator::Pow => int_pow(a, b).map(Number::Int),
        Operator::LShift | Operator::RShift if b.is_negative() => None,
        Operator::LShift if a.is_zero() => int(BigInt::zero()),
        // Beyond this the result could not be allocated (MemoryError).
        Operator::LShift => int(a << b.to_u32()?),
        Operator::RShift => match b.to_u64() {
            Some(shift) if shift < a.bits() => int(a >> shift),
            _ if a.is_negative() => int(-BigInt::one()),
            _ => int(BigInt::zero()),
        },
        Operator::BitAnd => int(a & b),
        Operator::BitOr => int(a | b),
        Operator::BitXor => int(a ^ b),
        Operator::MatMult => None,
    }
}

/// `a ** b` for `b >= 0`; `None` only when the result could not be held.
fn int_pow(a: &BigInt, b: &BigInt) -> Option<BigInt> {
    if b.is_zero() || a.is_one() {
        return Some(BigInt::one());
    }
    if a.is_zero() {
        return Some(BigInt::zero());
    }
    if *a == -BigInt::one() {
        return Some(if b.is_odd() { a.clone() } else { BigInt::one() });
    }
    Some(num_traits::pow(a.clone(), b.to_usize()?))
}

/// `int / int`: the exact quotient correctly rounded, as
/// `long_true_divide` computes it; the sign of a zero result is the sign
/// the quotient would have.
fn int_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    if b.is_zero() {
        return None;
    }
    let negate = a.is_negative() != b.is_negative();
    let quotient = if a.is_zero() {
        0.0
    } else {
        ratio_to_float(a.magnitude(), b.magnitude())?
    };
    Some(if negate { -quotient } else { quotient })
}

/// `float(i)`, correctly rounded; `None` (OverflowError) if it is too
/// large.
fn int_to_float(i: &BigInt) -> Option<f64> {
    if i.is_zero() {
        return Some(0.0);
    }
    let x = ratio_to_float(i.magnitude(), &BigUint::one())?;
    Some(if i.is_negative() { -x } else { x })
}

/// `a / b` for positive `a` and `b`, rounded to the nearest double (ties to
/// even), subnormals included; `None` if it overflows.
fn ratio_to_float(a: &BigUint, b: &BigUint) -> Option<f64> {
    // The binary exponent of the quotient: 2**e <= a/b < 2**(e+1).
    let shift = a.bits() as i64 - b.bits() as i64;
    let at_least = |e: i64| {
        if e >= 0 {
            *a >= b << e as u64
        } else {
            a << (-e) as u64 >= *b
        }
    };
    let exponent = if at_least(shift) { shift } else { shift - 1 };
    if exponent >= 1024 {
        return None;
    }
    // The weight of the last bit the double can keep: 53 bits of precision,
    // fewer for subnormals.
    let ulp = (exponent - 52).max(-1074);
    let (numerator, denominator) = if ulp >= 0 {
        (a.clone(), b << ulp as u64)
    } else {
        (a << (-ulp) as u64, b.clone())
    };
    let (mut quotient, remainder) = numerator.div_rem(&denominator);
    let round_up = match (remainder << 1u32).cmp(&denominator) {
        Ordering::Greater => true,
        Ordering::Equal => quotient.is_odd(),
        Ordering::Less => false,
    };
    if round_up {
        quotient += 1u32;
    }
    // At most 2**53, so exact; the scaling by a power of two is exact too.
    let value = quotient.to_u64()? as f64 * power_of_two(ulp);
    value.is_finite().then_some(value)
}

/// 2**e for -1074 <= e <= 1023, built from its bits.
fn power_of_two(e: i64) -> f64 {
    if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (e + 1074))
    }
}

fn float_binary(op: Operator, a: f64, b: f64) -> Option<Number> {
    let float = |x: f64| Some(Number::Float(x));
    match op {
        Operator::Add => float(a + b),
        Operator::Sub => float(a - b),
        Operator::Mult => float(a * b),
        Operator::Div | Operator::FloorDiv | Operator::Mod if b == 0.0 => None,
        Operator::Div => float(a / b),
        Operator::FloorDiv => float(float_div_mod(a, b).0),
        Operator::Mod => float(float_div_mod(a, b).1),
        Operator::Pow => float_pow(a, b),
        _ => None,
    }
}

/// `(a // b, a % b)` for floats (`_float_div_mod`): the remainder takes the
/// sign of the divisor, and the quotient is snapped to the integer that
/// `fmod` implies.
fn float_div_mod(a: f64, b: f64) -> (f64, f64) {
    // Rust's `%` on floats is C's fmod.
    let mut remainder = a % b;
    let mut quotient = (a - remainder) / b;
    if remainder != 0.0 {
        if (b < 0.0) != (remainder < 0.0) {
            remainder += b;
            quotient -= 1.0;
        }
    } else {
        remainder = 0.0f64.copysign(b);
    }
    let floor = if quotient != 0.0 {
        let floor = quotient.floor();
        if quotient - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floor, remainder)
}

/// Whether `x` is an odd integer (`DOUBLE_IS_ODD_INTEGER`).
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `a ** b` for floats (`float_pow`): C99's special values, a complex
/// result for a negative base and a fractional exponent, and errors for
/// zero to a negative power and for overflow.
fn float_pow(a: f64, b: f64) -> Option<Number> {
    let float = |x: f64| Some(Number::Float(x));
    if b == 0.0 {
        return float(1.0);
    }
    if a.is_nan() {
        return float(a);
    }
    if b.is_nan() {
        return float(if a == 1.0 { 1.0 } else { b });
    }
    if b.is_infinite() {
        let a = a.abs();
        return float(if a == 1.0 {
            1.0
        } else if (b > 0.0) == (a > 1.0) {
            b.abs()
        } else {
            0.0
        });
    }
    if a.is_infinite() {
        let odd = is_odd_integer(b);
        return float(match (b > 0.0, odd) {
            (true, true) => a,
            (true, false) => a.abs(),
            (false, true) => 0.0f64.copysign(a),
            (false, false) => 0.0,
        });
    }
    if a == 0.0 {
        if b < 0.0 {
            return None;
        }
        return float(if is_odd_integer(b) { a } else { 0.0 });
    }
    let mut base = a;
    let mut negate = false;
    if a < 0.0 {
        if b != b.floor() {
            let result = complex_pow(Complex { re: a, im: 0.0 }, Complex { re: b, im: 0.0 })?;
            return Some(Number::Complex(result));
        }
        base = -a;
        negate = is_odd_integer(b);
    }
    if base == 1.0 {
        return float(if negate { -1.0 } else { 1.0 });
    }
    // libm's pow reports overflow (an infinite result) as ERANGE, which
    // CPython raises as OverflowError; underflow to zero is no error.
    let result = base.powf(b);
    if result.is_infinite() {
        return None;
    }
    float(if negate { -result } else { result })
}

fn complex_binary(op: Operator, a: Complex, b: Complex) -> Option<Number> {
    let complex = |c: Complex| Some(Number::Complex(c));
    match op {
        Operator::Add => complex(Complex {
            re: a.re + b.re,
            im: a.im + b.im,
        }),
        Operator::Sub => complex(Complex {
            re: a.re - b.re,
            im: a.im - b.im,
        }),
        Operator::Mult => complex(product(a, b)),
        Operator::Div => complex(quotient(a, b)?),
        Operator::Pow => complex(complex_pow(a, b)?),
        // Among them `//` and `%`, which complex numbers no longer have.
        _ => None,
    }
}

fn product(a: Complex, b: Complex) -> Complex {
    Complex {
        re: a.re * b.re - a.im * b.im,
        im: a.re * b.im + a.im * b.re,
    }
}

/// `a / b` (`_Py_c_quot`): Smith's method, scaling by the larger part of
/// `b` to avoid needless overflow; `None` for division by zero.
fn quotient(a: Complex, b: Complex) -> Option<Complex> {
    let (abs_re, abs_im) = (b.re.abs(), b.im.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denominator = b.re + b.im * ratio;
        Some(Complex {
            re: (a.re + a.im * ratio) / denominator,
            im: (a.im - a.re * ratio) / denominator,
        })
    } else if abs_im >= abs_re {
        let ratio = b.re / b.im;
        let denominator = b.re * ratio + b.im;
        Some(Complex {
            re: (a.re * ratio + a.im) / denominator,
            im: (a.im * ratio - a.re) / denominator,
        })
    } else {
        // A part of `b` is a NaN.
        Some(Complex {
            re: f64::NAN,
            im: f64::NAN,
        })
    }
}

/// `a ** b` for complex numbers (`complex_pow`): repeated multiplication
/// for small integral exponents, polar form otherwise. `None` where
/// CPython raises: zero to a negative or complex power (or any error libm
/// reports as EDOM) and an infinite result (ERANGE).
fn complex_pow(a: Complex, b: Complex) -> Option<Complex> {
    // C's `(long)` conversion; out of range it gives a value that compares
    // unequal to `b.re` unless `b.re` is exactly -2**63, and saturating
    // leads to the same exponent there.
    let integral = b.re as i64;
    let result = if b.im == 0.0 && b.re == integral as f64 {
        integer_power(a, integral)?
    } else {
        polar_power(a, b)?
    };
    if result.re.is_infinite() || result.im.is_infinite() {
        return None;
    }
    Some(result)
}

/// Integral exponents beyond this go through the polar form.
const INT_EXPONENT_LIMIT: i64 = 100;

/// `c_powi`.
fn integer_power(x: Complex, n: i64) -> Option<Complex> {
    if !(-INT_EXPONENT_LIMIT..=INT_EXPONENT_LIMIT).contains(&n) {
        polar_power(
            x,
            Complex {
                re: n as f64,
                im: 0.0,
            },
        )
    } else if n > 0 {
        Some(unsigned_power(x, n))
    } else {
        quotient(ONE, unsigned_power(x, -n))
    }
}

/// `c_powu`: binary exponentiation, the factors in CPython's order.
fn unsigned_power(x: Complex, n: i64) -> Complex {
    let mut result = ONE;
    let mut power = x;
    let mut mask = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            result = product(result, power);
        }
        mask <<= 1;
        power = product(power, power);
    }
    result
}

/// `_Py_c_pow`: through the modulus and the argument.
fn polar_power(a: Complex, b: Complex) -> Option<Complex> {
    if b.re == 0.0 && b.im == 0.0 {
        return Some(ONE);
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return None;
        }
        return Some(Complex { re: 0.0, im: 0.0 });
    }
    let modulus = a.re.hypot(a.im);
    let mut length = modulus.powf(b.re);
    let argument = a.im.atan2(a.re);
    let mut phase = argument * b.re;
    if b.im != 0.0 {
        length /= (argument * b.im).exp();
        phase += b.im * modulus.ln();
    }
    // cos and sin of an infinity set EDOM, which CPython raises.
    if phase.is_infinite() {
        return None;
    }
    Some(Complex {
        re: length * phase.cos(),
        im: length * phase.sin(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(a: u64, b: u64) -> Option<f64> {
        ratio_to_float(&BigUint::from(a), &BigUint::from(b))
    }

    #[test]
    fn int_ratios_round_like_ieee_division() {
        for (a, b) in [(1, 3), (2, 3), (10, 7), (1 << 53, 3), ((1 << 53) + 1, 1)] {
            assert_eq!(ratio(a, b), Some(a as f64 / b as f64), "{a}/{b}");
        }
    }

    #[test]
    fn int_ratios_reach_subnormals_and_overflow() {
        let one = BigUint::one();
        assert_eq!(
            ratio_to_float(&one, &(BigUint::one() << 1074u32)),
            Some(f64::from_bits(1))
        );
        // Exactly half the smallest subnormal rounds to even: zero.
        assert_eq!(
            ratio_to_float(&one, &(BigUint::one() << 1075u32)),
            Some(0.0)
        );
        assert_eq!(ratio_to_float(&(BigUint::one() << 1024u32), &one), None);
        assert_eq!(
            ratio_to_float(&((BigUint::one() << 1024u32) - 1u32), &one),
            None,
            "rounds up to 2**1024"
        );
    }
}
