//! Python's `repr()` of the constants a parser produces: str, bytes, int,
//! float and imaginary numbers, exactly as CPython 3.11 writes them
//! (Objects/unicodeobject.c `unicode_repr`, Objects/bytesobject.c,
//! Python/pystrtod.c's short float repr, Objects/complexobject.c).

use crate::ast::{Constant, Int};
use krait_unicode::is_printable;
use std::fmt::Write;

/// `repr(s)` for a str given as code points.
pub fn str_repr(code_points: impl Iterator<Item = u32> + Clone) -> String {
    let (mut has_single, mut has_double) = (false, false);
    for cp in code_points.clone() {
        has_single |= cp == '\'' as u32;
        has_double |= cp == '"' as u32;
    }
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(2);
    out.push(quote);
    for cp in code_points {
        match char::from_u32(cp) {
            Some(c) if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if (' '..'\x7f').contains(&c) => out.push(c),
            Some(c) if !c.is_ascii() && is_printable(c) => out.push(c),
            _ if cp < 0x100 => write!(out, "\\x{cp:02x}").unwrap(),
            _ if cp < 0x10000 => write!(out, "\\u{cp:04x}").unwrap(),
            _ => write!(out, "\\U{cp:08x}").unwrap(),
        }
    }
    out.push(quote);
    out
}

/// `repr(b)` for bytes.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in bytes {
        match b {
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\\' => out.push_str("\\\\"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            b' '..=b'~' => out.push(b as char),
            _ => write!(out, "\\x{b:02x}").unwrap(),
        }
    }
    out.push(quote);
    out
}

/// `repr(x)` for a float: the shortest string that reads back as `x`, in
/// positional notation when the decimal exponent is in [-4, 16), with `.0`
/// added to integral values when `add_dot_zero` (floats do; the parts of a
/// complex number do not).
pub fn float_repr(x: f64, add_dot_zero: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, as CPython's
    // repr does; only the layout differs. When two strings of that length
    // are equally near `x` and both read back as `x` (2**-25 is
    // ...953125), Rust takes the upper one and CPython the even one, which
    // is what exact formatting to that many digits (ties to even) gives.
    let shortest = format!("{:e}", x.abs());
    let length = shortest
        .split('e')
        .next()
        .map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let nearest = format!("{:.*e}", length.saturating_sub(1), x.abs());
    let sci = if nearest.parse() == Ok(x.abs()) {
        nearest
    } else {
        shortest
    };
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} writes an exponent");
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let exponent: i32 = exponent.parse().expect("{:e} writes an integer exponent");
    let decimal_point = exponent + 1;
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if (-4 < decimal_point) && (decimal_point <= 16) {
        if decimal_point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', -decimal_point as usize));
            out.push_str(&digits);
        } else if decimal_point as usize >= digits.len() {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n(
                '0',
                decimal_point as usize - digits.len(),
            ));
            if add_dot_zero {
                out.push_str(".0");
            }
        } else {
            let (int_part, frac_part) = digits.split_at(decimal_point as usize);
            out.push_str(int_part);
            out.push('.');
            out.push_str(frac_part);
        }
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let sign = if exponent < 0 { '-' } else { '+' };
        write!(out, "e{sign}{:02}", exponent.abs()).unwrap();
    }
    out
}

/// `repr()` of a constant.
pub fn constant_repr(value: &Constant) -> String {
    match value {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(Int::Small(i)) => i.to_string(),
        Constant::Int(Int::Big(digits)) => digits.clone(),
        Constant::Float(x) => float_repr(*x, true),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
        Constant::Str(s) => str_repr(s.code_points()),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let items: Vec<String> = items.iter().map(constant_repr).collect();
            match items.as_slice() {
                [one] => format!("({one},)"),
                _ => format!("({})", items.join(", ")),
            }
        }
        Constant::FrozenSet(items) if items.is_empty() => "frozenset()".into(),
        Constant::FrozenSet(items) => {
            let items: Vec<String> = items.iter().map(constant_repr).collect();
            format!("frozenset({{{}}})", items.join(", "))
        }
    }
}

/// `repr()` of a complex number (complexobject.c's `complex_repr`): the
/// bare imaginary part when the real part is +0.0, else both in brackets,
/// the imaginary part always signed.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let imag_text = float_repr(imag, false);
    if real == 0.0 && real.is_sign_positive() {
        return format!("{imag_text}j");
    }
    let sign = if imag_text.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag_text}j)", float_repr(real, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_cpython_writes_them() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-0.0, "-0.0"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
            (f64::INFINITY, "inf"),
            (2f64.powi(-25), "2.9802322387695312e-08"),
            (-(2f64.powi(-25)), "-2.9802322387695312e-08"),
            // The even neighbour, ...062, would read back as another float.
            (2f64.powi(-24), "5.960464477539063e-08"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (x, text) in cases {
            assert_eq!(float_repr(x, true), text);
        }
        assert_eq!(float_repr(1.0, false), "1");
        assert_eq!(float_repr(1e16, false), "1e+16");
    }

    #[test]
    fn str_quotes_and_escapes() {
        let repr = |s: &str| str_repr(s.chars().map(|c| c as u32));
        assert_eq!(repr("a'b"), "\"a'b\"");
        assert_eq!(repr("a'\"b"), "'a\\'\"b'");
        assert_eq!(
            repr("\t\x00\u{a0}é\u{10ffff}"),
            "'\\t\\x00\\xa0é\\U0010ffff'"
        );
        assert_eq!(str_repr([0xd800].into_iter()), "'\\ud800'");
    }

    #[test]
    fn bytes_escape_non_ascii() {
        assert_eq!(bytes_repr(b"a'\x7f\\"), "b\"a'\\x7f\\\\\"");
    }
}
