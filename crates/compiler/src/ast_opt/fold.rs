//! The operations constant folding applies to constants, with the results
//! Python gives them, and the limits CPython 3.11 puts on what folding may
//! build (`safe_multiply`, `safe_power`, `safe_lshift`, `safe_mod`).
//!
//! Every function returns `None` where Python would raise, or where a
//! limit says not to fold: the expression is then left for the code to
//! evaluate at run time. The limits exist because a folded constant is
//! built at compile time and stored in the code object: `2**10**8` or
//! `'x' * 10**9` would make compiling slow and `.pyc` files huge.

use super::number::{self, Number};
use krait_parser::ast::{Constant, Int, Operator, UnaryOp};
use krait_parser::wtf8::Wtf8String;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// An int made by `*`, `**` or `<<` may have at most this many bits.
const MAX_INT_SIZE: u64 = 128;
/// A tuple made by `*` may have at most this many items.
const MAX_COLLECTION_SIZE: i64 = 256;
/// A str or bytes made by `*` may have at most this many characters.
const MAX_STR_SIZE: i64 = 4096;
/// A tuple made by `*` may hold at most this many items, counting the
/// items of the tuples nested in it: hashing a constant visits them all.
const MAX_TOTAL_ITEMS: i64 = 1024;

/// `not x`, `-x`, `+x`, `~x` on a constant.
pub(super) fn unary(op: UnaryOp, operand: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => Some(Constant::Bool(!operand.is_true())),
        _ => number::unary(op, number(operand)?).map(from_number),
    }
}

/// A binary operator on two constants.
pub(super) fn binary(op: Operator, left: &Constant, right: &Constant) -> Option<Constant> {
    match (op, left, right) {
        (Operator::Add, _, _) => concatenate(left, right).or_else(|| arithmetic(op, left, right)),
        (Operator::Mult, _, _) => safe_multiply(left, right),
        (Operator::Pow, _, _) => safe_power(left, right),
        (Operator::LShift, _, _) => safe_lshift(left, right),
        // `safe_mod`: `%` on a str or bytes is formatting, which is not
        // folded (a str with a tuple of non-constants may become an
        // f-string instead, see format.rs).
        (Operator::Mod, Constant::Str(_) | Constant::Bytes(_), _) => None,
        (Operator::BitAnd, Constant::Bool(a), Constant::Bool(b)) => Some(Constant::Bool(a & b)),
        (Operator::BitOr, Constant::Bool(a), Constant::Bool(b)) => Some(Constant::Bool(a | b)),
        (Operator::BitXor, Constant::Bool(a), Constant::Bool(b)) => Some(Constant::Bool(a ^ b)),
        _ => arithmetic(op, left, right),
    }
}

/// `value[index]` with a constant index: an item of a str, bytes or tuple.
pub(super) fn subscript(value: &Constant, index: &Constant) -> Option<Constant> {
    let index = int(index)?;
    let length = match value {
        Constant::Str(s) => s.code_points().count(),
        Constant::Bytes(b) => b.len(),
        Constant::Tuple(items) => items.len(),
        _ => return None,
    };
    // An index beyond a machine word raises IndexError, as one beyond the
    // end does.
    let index = index.to_i64()?;
    let index = if index < 0 {
        index.checked_add(i64::try_from(length).ok()?)?
    } else {
        index
    };
    let index = usize::try_from(index).ok().filter(|&i| i < length)?;
    Some(match value {
        Constant::Str(s) => {
            let mut item = Wtf8String::new();
            item.push_code_point(s.code_points().nth(index)?);
            Constant::Str(item)
        }
        Constant::Bytes(b) => Constant::Int(Int::Small(b[index].into())),
        Constant::Tuple(items) => items[index].clone(),
        _ => return None,
    })
}

/// `frozenset(items)`: equal items kept once, the first of them kept.
pub(crate) fn frozenset(items: Vec<Constant>) -> Constant {
    let mut set: Vec<Constant> = Vec::with_capacity(items.len());
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
    for item in items {
        let same_hash = by_hash.entry(hash(&item)).or_default();
        if !same_hash.iter().any(|&kept| equal(&set[kept], &item)) {
            same_hash.push(set.len());
            set.push(item);
        }
    }
    Constant::FrozenSet(set)
}

/// A hash of a constant that equal constants share, as Python's hashes
/// are: numbers hash by their nearest complex double, so `1`, `1.0`,
/// `True` and `1+0j` hash alike.
fn hash(value: &Constant) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_into(value, &mut hasher);
    hasher.finish()
}

fn hash_into(value: &Constant, hasher: &mut DefaultHasher) {
    if let Some(number) = number(value) {
        let (re, im) = number::nearest_complex(&number);
        // Adding zero makes -0.0 the 0.0 it equals.
        ((re + 0.0).to_bits(), (im + 0.0).to_bits()).hash(hasher);
        return;
    }
    std::mem::discriminant(value).hash(hasher);
    match value {
        Constant::Str(s) => s.as_bytes().hash(hasher),
        Constant::Bytes(b) => b.hash(hasher),
        Constant::Tuple(items) => {
            items.len().hash(hasher);
            items.iter().for_each(|item| hash_into(item, hasher));
        }
        // The same items in any order.
        Constant::FrozenSet(items) => items
            .iter()
            .fold(0u64, |sum, item| sum.wrapping_add(hash(item)))
            .hash(hasher),
        _ => {}
    }
}

/// `a == b`, which decides which items of a set are the same.
pub(crate) fn equal(a: &Constant, b: &Constant) -> bool {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return number::equal(&x, &y);
    }
    match (a, b) {
        (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
        (Constant::Str(x), Constant::Str(y)) => x == y,
        (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y))
        }
        (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|x| y.iter().any(|y| equal(x, y)))
        }
        _ => false,
    }
}

/// The value of an int or bool constant.
fn int(value: &Constant) -> Option<BigInt> {
    match value {
        Constant::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Constant::Int(Int::Small(i)) => Some(BigInt::from(*i)),
        Constant::Int(Int::Big(digits)) => BigInt::parse_bytes(digits.as_bytes(), 10),
        _ => None,
    }
}

fn number(value: &Constant) -> Option<Number> {
    match value {
        Constant::Float(x) => Some(Number::Float(*x)),
        Constant::Complex { real, imag } => Some(Number::Complex(number::Complex {
            re: *real,
            im: *imag,
        })),
        _ => int(value).map(Number::Int),
    }
}

/// The constant holding a number, keeping `Int`'s invariant: `Small`
/// whenever the value fits a machine word.
fn from_number(value: Number) -> Constant {
    match value {
        Number::Int(i) => Constant::Int(match i.to_i64() {
            Some(small) => Int::Small(small),
            None => Int::Big(i.to_string()),
        }),
        Number::Float(x) => Constant::Float(x),
        Number::Complex(c) => Constant::Complex {
            real: c.re,
            imag: c.im,
        },
    }
}

/// A numeric operator, when both operands are numbers.
fn arithmetic(op: Operator, left: &Constant, right: &Constant) -> Option<Constant> {
    number::binary(op, &number(left)?, &number(right)?).map(from_number)
}

/// `+` on two sequences of the same type.
fn concatenate(left: &Constant, right: &Constant) -> Option<Constant> {
    Some(match (left, right) {
        (Constant::Str(a), Constant::Str(b)) => {
            let mut s = a.clone();
            s.push_wtf8(b);
            Constant::Str(s)
        }
        (Constant::Bytes(a), Constant::Bytes(b)) => Constant::Bytes([&a[..], b].concat()),
        (Constant::Tuple(a), Constant::Tuple(b)) => Constant::Tuple([&a[..], b].concat()),
        _ => return None,
    })
}

/// `*`, when the result stays small: ints of at most `MAX_INT_SIZE` bits
/// together, sequences repeated up to their limits.
fn safe_multiply(left: &Constant, right: &Constant) -> Option<Constant> {
    match (int(left), int(right)) {
        (Some(a), Some(b)) => {
            if !a.is_zero() && !b.is_zero() && a.bits() + b.bits() > MAX_INT_SIZE {
                return None;
            }
            arithmetic(Operator::Mult, left, right)
        }
        (Some(count), None) if length(right).is_some() => safe_repeat(right, &count),
        (None, Some(count)) if length(left).is_some() => safe_repeat(left, &count),
        _ => arithmetic(Operator::Mult, left, right),
    }
}

/// The length `safe_multiply` measures a sequence by: items, characters
/// (code points) or bytes.
fn length(sequence: &Constant) -> Option<i64> {
    let length = match sequence {
        Constant::Tuple(items) | Constant::FrozenSet(items) => items.len(),
        Constant::Str(s) => s.code_points().count(),
        Constant::Bytes(b) => b.len(),
        _ => return None,
    };
    i64::try_from(length).ok()
}

/// `sequence * count` within the limits. An empty sequence has no limit:
/// repeating it gives it back, whatever the count.
fn safe_repeat(sequence: &Constant, count: &BigInt) -> Option<Constant> {
    let size = length(sequence)?;
    if size > 0 {
        // `PyLong_AsLong`: a count beyond a machine word reads as -1.
        let n = count.to_i64().unwrap_or(-1);
        let is_collection = matches!(sequence, Constant::Tuple(_) | Constant::FrozenSet(_));
        let limit = if is_collection {
            MAX_COLLECTION_SIZE
        } else {
            MAX_STR_SIZE
        };
        if n < 0 || n > limit / size {
            return None;
        }
        if is_collection && n > 0 && remaining_items(sequence, MAX_TOTAL_ITEMS / n) < 0 {
            return None;
        }
    }
    repeat(sequence, count)
}

/// `check_complexity`: `limit` less the number of items in `value`,
/// counting those of nested tuples and frozensets; negative once the
/// limit is exceeded (and then the count stops).
fn remaining_items(value: &Constant, limit: i64) -> i64 {
    match value {
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            let mut limit = limit - items.len() as i64;
            for item in items {
                if limit < 0 {
                    break;
                }
                limit = remaining_items(item, limit);
            }
            limit
        }
        _ => limit,
    }
}

/// `sequence * count` as Python computes it: a negative count gives an
/// empty sequence, and a count beyond a machine word raises OverflowError.
/// The count of a non-empty sequence is bounded by `safe_repeat`.
fn repeat(sequence: &Constant, count: &BigInt) -> Option<Constant> {
    let n = usize::try_from(count.to_i64()?.max(0)).ok()?;
    Some(match sequence {
        Constant::Str(s) => {
            let mut repeated = Wtf8String::new();
            if !s.is_empty() {
                for _ in 0..n {
                    repeated.push_wtf8(s);
                }
            }
            Constant::Str(repeated)
        }
        Constant::Bytes(b) if b.is_empty() => Constant::Bytes(Vec::new()),
        Constant::Bytes(b) => Constant::Bytes(b.repeat(n)),
        Constant::Tuple(items) if items.is_empty() => Constant::Tuple(Vec::new()),
        Constant::Tuple(items) => Constant::Tuple(
            items
                .iter()
                .cycle()
                .take(items.len() * n)
                .cloned()
                .collect(),
        ),
        // A frozenset is measured but cannot be repeated.
        _ => return None,
    })
}

/// `**`, when an int result has at most `MAX_INT_SIZE` bits.
fn safe_power(left: &Constant, right: &Constant) -> Option<Constant> {
    if let (Some(base), Some(exponent)) = (int(left), int(right)) {
        if !base.is_zero() && exponent.is_positive() {
            let exponent = exponent.to_u64()?;
            if base.bits() > MAX_INT_SIZE / exponent {
                return None;
            }
        }
    }
    arithmetic(Operator::Pow, left, right)
}

/// `<<`, when the result has at most `MAX_INT_SIZE` bits.
fn safe_lshift(left: &Constant, right: &Constant) -> Option<Constant> {
    if let (Some(value), Some(shift)) = (int(left), int(right)) {
        if !value.is_zero() && !shift.is_zero() {
            // A negative shift raises here, as Python's ValueError would.
            let shift = shift.to_u64()?;
            if shift > MAX_INT_SIZE || value.bits() > MAX_INT_SIZE - shift {
                return None;
            }
        }
    }
    arithmetic(Operator::LShift, left, right)
}
