//! The values of numeric literals (Python/ast.c's `parsenumber`): ints of
//! any size in bases 2, 8, 10 and 16, floats and imaginary numbers.

use crate::ast::{Constant, Int};

/// The value of a NUMBER token's text, which the tokenizer has checked.
pub fn parse_number(text: &[u8]) -> Constant {
    let digits: String = text
        .iter()
        .filter(|&&b| b != b'_')
        .map(|&b| b as char)
        .collect();
    let lower = digits.to_ascii_lowercase();
    if let Some(imaginary) = lower.strip_suffix('j') {
        return Constant::Complex {
            real: 0.0,
            imag: parse_float(imaginary),
        };
    }
    let radix = match lower.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ if lower.contains(['.', 'e']) => return Constant::Float(parse_float(&lower)),
        _ => 10,
    };
    let body = if radix == 10 { &lower[..] } else { &lower[2..] };
    Constant::Int(parse_int(body, radix))
}

fn parse_float(text: &str) -> f64 {
    text.parse()
        .expect("the tokenizer accepts only valid float literals")
}

fn parse_int(digits: &str, radix: u32) -> Int {
    match i64::from_str_radix(digits, radix) {
        Ok(value) => Int::Small(value),
        Err(_) => Int::Big(to_decimal(digits, radix)),
    }
}

/// The decimal digits of a number written in `radix`, for literals too
/// large for a machine word. Limbs hold 9 decimal digits each, least
/// significant first.
fn to_decimal(digits: &str, radix: u32) -> String {
    const LIMB: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let mut carry = c.to_digit(radix).expect("a digit of the radix") as u64;
        for limb in limbs.iter_mut() {
            let value = *limb * radix as u64 + carry;
            *limb = value % LIMB;
            carry = value / LIMB;
        }
        while carry > 0 {
            limbs.push(carry % LIMB);
            carry /= LIMB;
        }
    }
    let mut out = limbs.last().expect("at least one limb").to_string();
    for limb in limbs.iter().rev().skip(1) {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_have_python_values() {
        assert_eq!(parse_number(b"1_000"), Constant::Int(Int::Small(1000)));
        assert_eq!(parse_number(b"0xff"), Constant::Int(Int::Small(255)));
        assert_eq!(parse_number(b"0o17"), Constant::Int(Int::Small(15)));
        assert_eq!(parse_number(b"1.5e3"), Constant::Float(1500.0));
        assert_eq!(
            parse_number(b"2J"),
            Constant::Complex {
                real: 0.0,
                imag: 2.0
            }
        );
        assert_eq!(parse_number(b"1e999"), Constant::Float(f64::INFINITY));
    }

    #[test]
    fn big_literals_become_decimal() {
        assert_eq!(
            parse_number(b"0xFFFFFFFFFFFFFFFFFFFF"),
            Constant::Int(Int::Big("1208925819614629174706175".into()))
        );
        assert_eq!(
            parse_number(b"123456789012345678901234567890"),
            Constant::Int(Int::Big("123456789012345678901234567890".into()))
        );
    }
}
