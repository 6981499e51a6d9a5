//! The format-spec mini-language of `format()`, f-strings and
//! `str.format` (Python/formatter_unicode.c), and the float-to-text
//! conversions behind `repr(float)` and the `e`/`f`/`g` codes
//! (Python/pystrtod.c's `PyOS_double_to_string`).
//!
//! A spec is parsed once into a [`FormatSpec`]; the number formatters
//! then build a [`Number`] (sign, prefix, integer digits, the rest) and
//! [`FormatSpec::render`] lays it out: digit grouping, zero padding that
//! grows through the separators, then fill and alignment.
//!
//! Float digits come from Rust's formatter, which is exact: `{:e}` gives
//! the shortest digits that read back to the same double (what
//! `repr` needs), and `{:.N}` / `{:.Ne}` round the exact binary value
//! half-to-even, as David Gay's dtoa does for CPython.

use crate::errors::PyResult;
use crate::vm::Vm;

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`.
#[derive(Debug, Clone)]
pub struct FormatSpec {
    pub fill: char,
    /// `<`, `>`, `^` or `=`; the type's default when the spec names none.
    pub align: char,
    pub align_given: bool,
    /// `+`, `-` or ` `.
    pub sign: Option<char>,
    /// `z`: a negative zero (after rounding) is written without its sign.
    pub no_neg_zero: bool,
    /// `#`.
    pub alternate: bool,
    pub width: usize,
    /// `,` or `_`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads a run of decimal digits; None if it overflows a Py_ssize_t.
fn read_number(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let start = *pos;
    let mut value: usize = 0;
    while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|v| *v <= isize::MAX as usize)
            .ok_or_else(|| "Too many decimal digits in format string".to_string())?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(value))
}

impl FormatSpec {
    /// Parses `spec` for a value of type `type_name` whose default
    /// alignment is `default_align` (`>` for numbers, `<` for strings).
    /// The error is a ValueError's message.
    pub fn parse(spec: &str, type_name: &str, default_align: char) -> Result<FormatSpec, String> {
        let chars: Vec<char> = spec.chars().collect();
        let mut f = FormatSpec {
            fill: ' ',
            align: default_align,
            align_given: false,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            width: 0,
            grouping: None,
            precision: None,
            ty: None,
        };
        let mut pos = 0;
        let mut fill_given = false;
        if chars.len() >= 2 && is_align(chars[1]) {
            f.fill = chars[0];
            f.align = chars[1];
            fill_given = true;
            f.align_given = true;
            pos = 2;
        } else if chars.first().is_some_and(|c| is_align(*c)) {
            f.align = chars[0];
            f.align_given = true;
            pos = 1;
        }
        if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
            f.sign = Some(c);
            pos += 1;
        }
        if chars.get(pos) == Some(&'z') {
            f.no_neg_zero = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            f.alternate = true;
            pos += 1;
        }
        // A '0' before the width means zero padding after the sign,
        // unless a fill character was given, which then wins.
        if !fill_given && chars.get(pos) == Some(&'0') {
            f.fill = '0';
            if !f.align_given && default_align == '>' {
                f.align = '=';
            }
            pos += 1;
        }
        if let Some(w) = read_number(&chars, &mut pos)? {
            f.width = w;
        }
        if chars.get(pos) == Some(&',') {
            f.grouping = Some(',');
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if f.grouping.is_some() {
                return Err("Cannot specify both ',' and '_'.".into());
            }
            f.grouping = Some('_');
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && f.grouping == Some('_') {
            return Err("Cannot specify both ',' and '_'.".into());
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            match read_number(&chars, &mut pos)? {
                Some(p) => f.precision = Some(p),
                None => return Err("Format specifier missing precision".into()),
            }
        }
        if chars.len() - pos > 1 {
            return Err(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            ));
        }
        f.ty = chars.get(pos).copied();
        if let Some(sep) = f.grouping {
            match f.ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
                Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
                Some(t) => {
                    return Err(if (' '..'\x7f').contains(&t) {
                        format!("Cannot specify '{sep}' with '{t}'.")
                    } else {
                        format!("Cannot specify '{sep}' with '\\x{:x}'.", t as u32)
                    })
                }
            }
        }
        Ok(f)
    }

    /// Pads `body` (already sign-and-all) to the width with the fill,
    /// for strings and other non-number values; `=` is the caller's
    /// to refuse.
    pub fn pad(&self, body: &str) -> String {
        let len = body.chars().count();
        if len >= self.width {
            return body.to_string();
        }
        let padding = self.width - len;
        let (left, right) = match self.align {
            '>' | '=' => (padding, 0),
            '^' => (padding / 2, padding - padding / 2),
            _ => (0, padding),
        };
        let mut out = String::with_capacity(body.len() + padding);
        out.extend(std::iter::repeat_n(self.fill, left));
        out.push_str(body);
        out.extend(std::iter::repeat_n(self.fill, right));
        out
    }

    /// Lays out a number: groups its integer digits, pads with zeros
    /// inside the grouping when zero-padded, then aligns.
    pub fn render(&self, number: &Number) -> String {
        let sign = if number.negative {
            "-"
        } else {
            match self.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        let fixed = sign.len() + number.prefix.len() + number.rest.chars().count();
        let min_width = if self.fill == '0' && self.align == '=' {
            self.width.saturating_sub(fixed)
        } else {
            0
        };
        let digits = match self.grouping {
            // inf and nan have no digits to group: CPython zero-pads them plainly.
            Some(_) if number.digits.is_empty() => String::new(),
            Some(sep) => {
                let group = if matches!(self.ty, Some('b' | 'o' | 'x' | 'X')) {
                    4
                } else {
                    3
                };
                group_digits(&number.digits, sep, group, min_width)
            }
            None => number.digits.clone(),
        };
        let len = fixed + digits.chars().count();
        let padding = self.width.saturating_sub(len);
        let (left, middle, right) = match self.align {
            '<' => (0, 0, padding),
            '^' => (padding / 2, 0, padding - padding / 2),
            '=' => (0, padding, 0),
            _ => (padding, 0, 0),
        };
        let mut out = String::with_capacity(len + padding);
        out.extend(std::iter::repeat_n(self.fill, left));
        out.push_str(sign);
        out.push_str(&number.prefix);
        out.extend(std::iter::repeat_n(self.fill, middle));
        out.push_str(&digits);
        out.push_str(&number.rest);
        out.extend(std::iter::repeat_n(self.fill, right));
        out
    }
}

/// A number ready for layout: `digits` is the run of integer digits
/// that grouping applies to; `rest` the point, fraction, exponent or
/// suffix after them (or all of `inf`/`nan`).
pub struct Number {
    pub negative: bool,
    pub prefix: String,
    pub digits: String,
    pub rest: String,
}

impl Number {
    /// Splits a formatted magnitude at the end of its leading digits.
    pub fn split(negative: bool, prefix: String, text: &str) -> Number {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        Number {
            negative,
            prefix,
            digits: text[..end].to_string(),
            rest: text[end..].to_string(),
        }
    }
}

/// Inserts `sep` every `group` digits from the right, padding with zeros
/// on the left until at least `min_width` characters, never starting
/// with a separator.
fn group_digits(digits: &str, sep: char, group: usize, min_width: usize) -> String {
    let digits: Vec<char> = digits.chars().collect();
    let mut remaining = digits.len() as isize;
    let mut min_width = min_width as isize;
    let group = group as isize;
    let mut pieces: Vec<String> = Vec::new();
    loop {
        let len = group.min(remaining.max(min_width).max(1));
        let taken = remaining.min(len).max(0);
        let zeros = (len - remaining).max(0);
        let start = (remaining - taken) as usize;
        let mut piece: String = "0".repeat(zeros as usize);
        piece.extend(&digits[start..remaining as usize]);
        pieces.push(piece);
        remaining -= taken;
        min_width -= len;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    pieces.reverse();
    pieces.join(&sep.to_string())
}

/// The decimal digits of `x` (finite, non-negative) and the position of
/// the point relative to them (`decpt`): `x = 0.d1d2... * 10**decpt`.
/// `None` gives the shortest round-tripping digits; `Some(n)` rounds to
/// n significant digits (n >= 1). Trailing zeros are dropped, as dtoa
/// does.
fn digits_of(x: f64, significant: Option<usize>) -> (String, i32) {
    let text = match significant {
        None => format!("{x:e}"),
        Some(n) => format!("{:.*e}", n - 1, x),
    };
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    if significant.is_none() {
        round_shortest_tie_to_even(x, &mut digits, exponent);
    }
    (digits, exponent + 1)
}

/// Rust's shortest digits break a tie between two equally near
/// candidates upwards; CPython's (dtoa.c, mode 0) to the even one. When
/// the last digit is odd and the one below it also reads back as `x`,
/// `x` lies exactly halfway iff its exact expansion continues with a 5
/// and zeros only.
fn round_shortest_tie_to_even(x: f64, digits: &mut String, exponent: i32) {
    let last = digits.as_bytes()[digits.len() - 1];
    if last.is_multiple_of(2) {
        return;
    }
    let mut lower = digits.clone();
    lower.pop();
    lower.push((last - 1) as char);
    let reads_back = format!("{}.{}e{exponent}", &lower[..1], &lower[1..])
        .parse::<f64>()
        .is_ok_and(|y| y == x);
    if !reads_back {
        return;
    }
    // A double's exact decimal expansion has at most 767 significant
    // digits.
    let exact = format!("{:.800e}", x.abs());
    let exact: String = exact
        .split_once('e')
        .map_or(exact.as_str(), |(m, _)| m)
        .chars()
        .filter(|c| *c != '.')
        .collect();
    let rest = &exact[digits.len()..];
    if rest.starts_with('5') && rest[1..].bytes().all(|b| b == b'0') {
        *digits = lower;
    }
}

/// Writes Rust's exponent (`1.5e-7`) Python's way (`1.5e-07`).
fn python_exponent(text: &str, alternate: bool) -> String {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let point = if alternate && !mantissa.contains('.') {
        "."
    } else {
        ""
    };
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}{point}e{sign}{:02}", exponent.unsigned_abs())
}

/// Lays out shortest or significant digits for the `r` (repr) and `g`
/// codes: fixed or exponent notation by where the point falls, zeros
/// added up to the point, and with `add_dot_0` at least one digit
/// after it.
fn layout_digits(
    digits: &str,
    decpt: i32,
    code: char,
    precision: i32,
    add_dot_0: bool,
    alternate: bool,
) -> String {
    let mut decpt = decpt;
    let mut end = digits.len() as i32;
    let use_exp = match code {
        'g' => {
            if alternate {
                end = precision;
            }
            let limit = if add_dot_0 { precision - 1 } else { precision };
            decpt <= -4 || decpt > limit
        }
        _ => decpt <= -4 || decpt > 16,
    };
    let exponent = decpt - 1;
    if use_exp {
        decpt = 1;
    }
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    end = if !use_exp && add_dot_0 {
        end.max(decpt + 1)
    } else {
        end.max(decpt)
    };
    let bytes = digits.as_bytes();
    let mut out = String::with_capacity((end - start) as usize + 8);
    for position in start..end {
        if position == decpt {
            out.push('.');
        }
        let d = usize::try_from(position)
            .ok()
            .and_then(|i| bytes.get(i))
            .map_or('0', |b| *b as char);
        out.push(d);
    }
    if decpt == end {
        out.push('.');
    }
    if out.ends_with('.') && !alternate {
        out.pop();
    }
    if use_exp {
        let sign = if exponent < 0 { '-' } else { '+' };
        out.push_str(&format!("e{sign}{:02}", exponent.unsigned_abs()));
    }
    out
}

/// The text of a float's magnitude for a presentation code: `r` (repr),
/// `e`, `f`, `g` (lower case; callers upper-case for `E`, `F`, `G`),
/// with CPython's flags `add_dot_0` (keep a `.0` on integral values)
/// and `alternate` (`#`: always a point, keep trailing zeros).
pub fn float_magnitude(
    x: f64,
    code: char,
    precision: usize,
    add_dot_0: bool,
    alternate: bool,
) -> String {
    let x = x.abs();
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return "inf".into();
    }
    match code {
        'f' => {
            let mut s = format!("{:.*}", precision, x);
            if alternate && precision == 0 {
                s.push('.');
            }
            s
        }
        'e' => python_exponent(&format!("{:.*e}", precision, x), alternate),
        'g' => {
            let precision = precision.max(1);
            let (digits, decpt) = digits_of(x, Some(precision));
            layout_digits(&digits, decpt, 'g', precision as i32, add_dot_0, alternate)
        }
        _ => {
            let (digits, decpt) = digits_of(x, None);
            layout_digits(&digits, decpt, 'r', 0, add_dot_0, alternate)
        }
    }
}

/// `repr(float)`: the shortest digits that read back to the same
/// double, in exponent notation below 1e-4 and from 1e16.
pub fn float_repr(x: f64) -> String {
    let body = float_magnitude(x, 'r', 0, true, false);
    if x.is_sign_negative() && !x.is_nan() {
        format!("-{body}")
    } else {
        body
    }
}

/// Formats a float's magnitude and sign for a spec whose checks are
/// done: the type decides the code, precision and flags as CPython's
/// `format_float_internal` does. `add_dot_0` is false for the parts of
/// a complex.
pub fn float_text(x: f64, spec: &FormatSpec, add_dot_0_default: bool) -> (bool, String) {
    let (mut code, mut precision, mut add_dot_0, mut x, mut suffix) =
        (spec.ty.unwrap_or('r'), spec.precision, false, x, "");
    match code {
        'r' => {
            add_dot_0 = add_dot_0_default;
            if precision.is_some() {
                code = 'g';
            }
        }
        'n' => code = 'g',
        '%' => {
            code = 'f';
            x *= 100.0;
            suffix = "%";
        }
        _ => {}
    }
    let precision = precision.get_or_insert(if code == 'r' { 0 } else { 6 });
    let upper = code.is_ascii_uppercase();
    let mut text = float_magnitude(
        x,
        code.to_ascii_lowercase(),
        *precision,
        add_dot_0,
        spec.alternate,
    );
    if upper {
        text = text.to_ascii_uppercase();
    }
    text.push_str(suffix);
    let mut negative = x.is_sign_negative() && !x.is_nan();
    if negative
        && spec.no_neg_zero
        && !text
            .bytes()
            .take_while(|b| *b != b'e' && *b != b'E')
            .any(|b| (b'1'..=b'9').contains(&b))
    {
        negative = false;
    }
    (negative, text)
}

/// `float.__format__(spec)`.
pub fn format_float(vm: &Vm, x: f64, spec: &str, type_name: &str) -> PyResult<String> {
    let spec = FormatSpec::parse(spec, type_name, '>').map_err(|e| vm.new_value_error(e))?;
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(t) => return Err(unknown_code(vm, t, type_name)),
    }
    let (negative, text) = float_text(x, &spec, true);
    Ok(spec.render(&Number::split(negative, String::new(), &text)))
}

/// ValueError for a presentation type the value's type has no use for.
pub fn unknown_code(vm: &Vm, code: char, type_name: &str) -> crate::errors::PyErr {
    vm.new_value_error(if (' '..'\x7f').contains(&code) {
        format!("Unknown format code '{code}' for object of type '{type_name}'")
    } else {
        format!(
            "Unknown format code '\\x{:x}' for object of type '{type_name}'",
            code as u32
        )
    })
}
