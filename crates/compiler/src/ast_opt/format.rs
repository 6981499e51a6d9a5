//! `'...' % (a, b)` rewritten as an f-string (`optimize_format`), so that
//! the code builds the string with FORMAT_VALUE and BUILD_STRING instead
//! of calling `str.__mod__`.
//!
//! CPython 3.11 rewrites only what an f-string does identically for every
//! value: `%s`, `%r` and `%a` with an optional width of at most two digits
//! and an optional precision of at most two digits, and `%%`. The numeric
//! conversions (`%d`, `%x`, `%f`...) are left alone, because an f-string
//! would format a value of the wrong type differently (`'%d' % 1.5` is
//! `'1'`, `f'{1.5:d}'` raises). The tuple must have exactly as many items
//! as the format has conversions, none of them starred.

use super::NO_LOCATION;
use krait_parser::ast::{Constant, Expr, ExprKind};
use krait_parser::wtf8::Wtf8String;

/// A width or precision with this many digits is not rewritten.
const MAX_DIGITS: u32 = 3;

/// The JoinedStr that `format % (items...)` becomes, taking the items; or
/// `None`, leaving them, when the format is not one 3.11 rewrites.
pub(super) fn optimize_format(format: &Wtf8String, items: &mut Vec<Expr>) -> Option<ExprKind> {
    let format: Vec<u32> = format.code_points().collect();
    let pieces = parse(&format, items.len())?;
    let mut items = std::mem::take(items).into_iter();
    let values = pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Literal(text) => string_constant(text),
            Piece::Field { conversion, spec } => {
                let value = items
                    .next()
                    .expect("parse checked there is an item for each field");
                Expr {
                    loc: value.loc,
                    kind: ExprKind::FormattedValue {
                        value: Box::new(value),
                        conversion: i32::from(conversion),
                        format_spec: spec.map(|spec| Box::new(string_constant(spec.into()))),
                    },
                }
            }
        })
        .collect();
    Some(ExprKind::JoinedStr { values })
}

/// A part of the format: text copied as it is, or a conversion.
enum Piece {
    Literal(Wtf8String),
    Field {
        conversion: u8,
        spec: Option<String>,
    },
}

/// The literal parts and the fields of a format with exactly `items`
/// fields, every one of them supported.
fn parse(format: &[u32], items: usize) -> Option<Vec<Piece>> {
    let mut pieces = Vec::with_capacity(2 * items + 1);
    let mut pos = 0;
    let mut fields = 0;
    loop {
        let mut literal = Wtf8String::new();
        while let Some(&c) = format.get(pos) {
            if c != u32::from('%') {
                literal.push_code_point(c);
                pos += 1;
            } else if format.get(pos + 1) == Some(&u32::from('%')) {
                literal.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        if pos >= format.len() {
            break;
        }
        if fields == items {
            return None;
        }
        pos += 1;
        pieces.push(parse_field(format, &mut pos)?);
        fields += 1;
    }
    (fields == items).then_some(pieces)
}

/// One conversion after its `%`: flags, width, precision, conversion type.
fn parse_field(format: &[u32], pos: &mut usize) -> Option<Piece> {
    let mut cursor = Cursor { format, pos };
    let mut left_justify = false;
    let mut c = cursor.next()?;
    // Flags: only `-` changes what the f-string does for s, r and a.
    while let '-' | '+' | ' ' | '#' | '0' = c {
        left_justify |= c == '-';
        c = cursor.next()?;
    }
    let width = if c.is_ascii_digit() {
        Some(cursor.number(&mut c)?)
    } else {
        None
    };
    let precision = if c == '.' {
        c = cursor.next()?;
        Some(cursor.number(&mut c)?)
    } else {
        None
    };
    let conversion = match c {
        's' | 'r' | 'a' => c as u8,
        _ => return None,
    };
    let mut spec = String::new();
    if !left_justify && width.is_some_and(|width| width > 0) {
        spec.push('>');
    }
    if let Some(width) = width {
        spec.push_str(&width.to_string());
    }
    if let Some(precision) = precision {
        spec.push('.');
        spec.push_str(&precision.to_string());
    }
    Some(Piece::Field {
        conversion,
        spec: (!spec.is_empty()).then_some(spec),
    })
}

/// Reads a field; running off the end of the format fails the rewrite.
struct Cursor<'a> {
    format: &'a [u32],
    pos: &'a mut usize,
}

impl Cursor<'_> {
    fn next(&mut self) -> Option<char> {
        let c = *self.format.get(*self.pos)?;
        *self.pos += 1;
        // A surrogate is no character of the syntax, as U+FFFD is not.
        Some(char::from_u32(c).unwrap_or('\u{fffd}'))
    }

    /// The digits starting with `c`, leaving in `c` the character after
    /// them; `None` if there are `MAX_DIGITS` of them.
    fn number(&mut self, c: &mut char) -> Option<u32> {
        let mut value = 0;
        let mut digits = 0;
        while let Some(digit) = c.to_digit(10) {
            value = value * 10 + digit;
            *c = self.next()?;
            digits += 1;
            if digits >= MAX_DIGITS {
                return None;
            }
        }
        Some(value)
    }
}

/// A str constant made by the rewrite, which has no place in the source.
fn string_constant(text: Wtf8String) -> Expr {
    Expr {
        kind: ExprKind::Constant {
            value: Constant::Str(text),
            kind: None,
        },
        loc: NO_LOCATION,
    }
}
