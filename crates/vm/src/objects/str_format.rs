//! `str.format`, `str.format_map` and `str.__format__`
//! (Objects/stringlib/unicode_format.h for the format strings,
//! Python/formatter_unicode.c for the standard format specifier as a
//! str applies it).
//!
//! A format string is read as literal text and replacement fields
//! `{name!conversion:spec}`; the name picks an argument and walks its
//! attributes and items, the conversion applies `repr`, `str` or
//! `ascii`, and the spec, itself expanded first when it holds fields, goes
//! to the value's `__format__` through `format()`.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::add_methods;
use crate::objects::str::{new_from_code_points, StrObject};
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    add_methods(
        vm,
        &vm.types.str,
        &[
            ("format", |vm, args| {
                let positional = &args.positional()[1..];
                let keywords: Vec<(Object, Object)> = args
                    .keywords()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let source = Source::Arguments(positional, &keywords);
                render_method(vm, &args, &source)
            }),
            ("format_map", |vm, args| {
                crate::objects::str_methods::arity_of(vm, "str", "format_map", args, 1, 1)?;
                let source = Source::Mapping(&args.values[1]);
                render_method(vm, &args, &source)
            }),
            ("__format__", |vm, args| {
                crate::objects::str_methods::arity_of(vm, "str", "__format__", args, 1, 1)?;
                let Some(spec) = args.values[1].payload::<StrObject>() else {
                    return Err(vm.new_type_error(format!(
                        "__format__() argument must be str, not {}",
                        crate::objects::getargs::clinic_type_name(vm, &args.values[1])
                    )));
                };
                let s = args.values[0].payload::<StrObject>().expect("a str");
                format_str(vm, s, spec)
            }),
        ],
    );
}

/// Where the fields' values come from.
enum Source<'a> {
    /// `format(*args, **kwargs)`.
    Arguments(&'a [Object], &'a [(Object, Object)]),
    /// `format_map(mapping)`: names only.
    Mapping(&'a Object),
}

/// How fields without a number are numbered: not yet known, automatic
/// (the next index), or manual.
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

fn render_method(vm: &Vm, args: &Args, source: &Source) -> PyResult {
    let format = args.values[0]
        .payload::<StrObject>()
        .expect("a str method's self is a str");
    let mut numbering = Numbering::Unknown;
    let points = render(vm, &format.wide(), source, &mut numbering, 2)?;
    Ok(new_from_code_points(vm, &points))
}

const LBRACE: u32 = b'{' as u32;
const RBRACE: u32 = b'}' as u32;

/// Expands the fields of `format` (`build_string`); `depth` bounds the
/// nesting of fields in format specs.
fn render(
    vm: &Vm,
    format: &[u32],
    source: &Source,
    numbering: &mut Numbering,
    depth: u32,
) -> PyResult<Vec<u32>> {
    if depth == 0 {
        return Err(vm.new_value_error("Max string recursion exceeded"));
    }
    let mut out = Vec::with_capacity(format.len());
    let mut i = 0;
    while let Some(piece) = next_piece(vm, format, &mut i)? {
        out.extend_from_slice(piece.literal);
        let Some(field) = piece.field else {
            continue;
        };
        let value = field_value(vm, field.name, source, numbering)?;
        let value = match field.conversion {
            None => value,
            Some(0x72) => vm.repr(&value)?,
            Some(0x73) => vm.str(&value)?,
            Some(0x61) => crate::protocols::ascii(vm, &value)?,
            Some(other) => {
                return Err(vm.new_value_error(format!(
                    "Unknown conversion specifier {}",
                    char::from_u32(other).unwrap_or('\u{FFFD}')
                )))
            }
        };
        let spec = if field.spec.contains(&LBRACE) {
            render(vm, field.spec, source, numbering, depth - 1)?
        } else {
            field.spec.to_vec()
        };
        let spec = new_from_code_points(vm, &spec);
        let formatted = crate::protocols::format(vm, &value, Some(&spec))?;
        if let Some(f) = formatted.payload::<StrObject>() {
            out.extend(f.code_points());
        }
    }
    Ok(out)
}

/// One piece of a format string (`MarkupIterator_next`): literal text,
/// then the replacement field after it, if any. A doubled brace ends its
/// piece's text with one brace.
pub(crate) struct Piece<'a> {
    pub literal: &'a [u32],
    pub field: Option<Field<'a>>,
}

/// The piece of `format` starting at `*i`, or None at the end.
pub(crate) fn next_piece<'a>(
    vm: &Vm,
    format: &'a [u32],
    i: &mut usize,
) -> PyResult<Option<Piece<'a>>> {
    let start = *i;
    while *i < format.len() {
        let c = format[*i];
        if c != LBRACE && c != RBRACE {
            *i += 1;
            continue;
        }
        let doubled = format.get(*i + 1) == Some(&c);
        if doubled {
            *i += 2;
            return Ok(Some(Piece {
                literal: &format[start..*i - 1],
                field: None,
            }));
        }
        if c == RBRACE {
            return Err(vm.new_value_error("Single '}' encountered in format string"));
        }
        if *i + 1 == format.len() {
            return Err(vm.new_value_error("Single '{' encountered in format string"));
        }
        let literal = &format[start..*i];
        *i += 1;
        let field = parse_field(vm, format, i)?;
        return Ok(Some(Piece {
            literal,
            field: Some(field),
        }));
    }
    Ok((*i > start).then(|| Piece {
        literal: &format[start..],
        field: None,
    }))
}

/// A replacement field: the name, the conversion character and the spec.
pub(crate) struct Field<'a> {
    pub name: &'a [u32],
    pub conversion: Option<u32>,
    pub spec: &'a [u32],
}

/// Reads the field that starts at `*i`, just after its `{`, and moves
/// past its `}` (`parse_field`). Brackets in the name may hold `:`, `!`
/// and `}`; braces in the spec nest.
fn parse_field<'a>(vm: &Vm, format: &'a [u32], i: &mut usize) -> PyResult<Field<'a>> {
    let start = *i;
    let mut last = None;
    while *i < format.len() {
        let c = format[*i];
        *i += 1;
        match c {
            LBRACE => return Err(vm.new_value_error("unexpected '{' in field name")),
            0x5B => {
                while *i < format.len() && format[*i] != 0x5D {
                    *i += 1;
                }
                last = Some(c);
            }
            RBRACE | 0x3A | 0x21 => {
                last = Some(c);
                break;
            }
            _ => last = Some(c),
        }
    }
    let ended_on = last.filter(|c| matches!(*c, RBRACE | 0x3A | 0x21));
    let name_end = if ended_on.is_some() { *i - 1 } else { *i };
    let name = &format[start..name_end];
    let mut field = Field {
        name,
        conversion: None,
        spec: &[],
    };
    match ended_on {
        Some(RBRACE) => Ok(field),
        None => Err(vm.new_value_error("expected '}' before end of string")),
        Some(c) => {
            if c == 0x21 {
                let Some(&conversion) = format.get(*i) else {
                    return Err(
                        vm.new_value_error("end of string while looking for conversion specifier")
                    );
                };
                *i += 1;
                field.conversion = Some(conversion);
                if let Some(&next) = format.get(*i) {
                    *i += 1;
                    if next == RBRACE {
                        return Ok(field);
                    }
                    if next != 0x3A {
                        return Err(vm.new_value_error("expected ':' after conversion specifier"));
                    }
                }
            }
            let spec_start = *i;
            let mut count = 1;
            while *i < format.len() {
                let c = format[*i];
                *i += 1;
                if c == LBRACE {
                    count += 1;
                } else if c == RBRACE {
                    count -= 1;
                    if count == 0 {
                        field.spec = &format[spec_start..*i - 1];
                        return Ok(field);
                    }
                }
            }
            Err(vm.new_value_error("unmatched '{' in format spec"))
        }
    }
}

/// A run of decimal digits as a number: None if it is not one,
/// ValueError if it is too long.
pub(crate) fn decimal_number(vm: &Vm, text: &[u32]) -> PyResult<Option<usize>> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut n: usize = 0;
    for &c in text {
        let Some(d) = char::from_u32(c).and_then(crate::objects::str::decimal_value) else {
            return Ok(None);
        };
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| vm.new_value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(n))
}

/// The value a field name selects (`get_field_object`): the first part
/// picks an argument, then `.attr` and `[key]` walk from it.
fn field_value(vm: &Vm, name: &[u32], source: &Source, numbering: &mut Numbering) -> PyResult {
    let first_end = name
        .iter()
        .position(|&c| c == 0x2E || c == 0x5B)
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let index = if first.is_empty() {
        let next =
            match numbering {
                Numbering::Manual => return Err(vm.new_value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                )),
                Numbering::Unknown => 0,
                Numbering::Auto(n) => *n,
            };
        *numbering = Numbering::Auto(next + 1);
        Some(next)
    } else {
        let index = decimal_number(vm, first)?;
        if index.is_some() {
            if let Numbering::Auto(_) = numbering {
                return Err(vm.new_value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            *numbering = Numbering::Manual;
        }
        index
    };
    let mut value = match (index, source) {
        (Some(i), Source::Arguments(positional, _)) => match positional.get(i) {
            Some(v) => v.clone(),
            None => {
                return Err(vm.new_index_error(format!(
                    "Replacement index {i} out of range for positional args tuple"
                )))
            }
        },
        (Some(_), Source::Mapping(_)) => {
            return Err(vm.new_value_error("Format string contains positional fields"))
        }
        (None, Source::Arguments(_, keywords)) => {
            let key = new_from_code_points(vm, first);
            let found = keywords
                .iter()
                .find(|(k, _)| {
                    k.payload::<StrObject>()
                        .is_some_and(|k| k.code_points().eq(first.iter().copied()))
                })
                .map(|(_, v)| v.clone());
            match found {
                Some(v) => v,
                None => return Err(vm.new_key_error(key)),
            }
        }
        (None, Source::Mapping(mapping)) => {
            vm.getitem(mapping, &new_from_code_points(vm, first))?
        }
    };
    for part in FieldNameParts::new(&name[first_end..]) {
        value = match part.map_err(|message| vm.new_value_error(message))? {
            (true, attr) => {
                let attr = vm.intern_object(&new_from_code_points(vm, attr));
                vm.getattr(&value, &attr)?
            }
            (false, key_text) => {
                let key = match decimal_number(vm, key_text)? {
                    Some(n) => vm.new_int(n as i64),
                    None => new_from_code_points(vm, key_text),
                };
                vm.getitem(&value, &key)?
            }
        };
    }
    Ok(value)
}

/// The `.attr` and `[key]` parts that follow a field name's first part
/// (`FieldNameIterator`): `(true, attr)` or `(false, key)`, or the error
/// of a malformed part, after which it stops.
pub(crate) struct FieldNameParts<'a> {
    rest: &'a [u32],
    i: usize,
}

impl<'a> FieldNameParts<'a> {
    pub(crate) fn new(rest: &'a [u32]) -> FieldNameParts<'a> {
        FieldNameParts { rest, i: 0 }
    }

    fn part(&mut self) -> Result<(bool, &'a [u32]), &'static str> {
        let name = self.rest;
        let c = name[self.i];
        self.i += 1;
        if c == 0x2E {
            let start = self.i;
            let end = name[start..]
                .iter()
                .position(|&c| c == 0x2E || c == 0x5B)
                .map_or(name.len(), |p| start + p);
            if end == start {
                return Err("Empty attribute in format string");
            }
            self.i = end;
            Ok((true, &name[start..end]))
        } else if c == 0x5B {
            let start = self.i;
            let Some(close) = name[start..]
                .iter()
                .position(|&c| c == 0x5D)
                .map(|p| start + p)
            else {
                return Err("Missing ']' in format string");
            };
            if close == start {
                return Err("Empty attribute in format string");
            }
            self.i = close + 1;
            if self.i < name.len() && name[self.i] != 0x2E && name[self.i] != 0x5B {
                return Err("Only '.' or '[' may follow ']' in format field specifier");
            }
            Ok((false, &name[start..close]))
        } else {
            Err("Only '.' or '[' may follow ']' in format field specifier")
        }
    }
}

impl<'a> Iterator for FieldNameParts<'a> {
    type Item = Result<(bool, &'a [u32]), &'static str>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.i >= self.rest.len() {
            return None;
        }
        let part = self.part();
        if part.is_err() {
            self.i = self.rest.len();
        }
        Some(part)
    }
}

/// A standard format specifier, parsed (`InternalFormatSpec`).
pub struct FormatSpec {
    pub fill: u32,
    /// `<`, `>`, `^` or `=`; None when not given.
    pub align: Option<u32>,
    /// `+`, `-` or a space; None when not given.
    pub sign: Option<u32>,
    pub no_neg_zero: bool,
    pub alternate: bool,
    /// The `0` before the width, without an explicit fill.
    pub zero: bool,
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<u32>,
    pub precision: Option<usize>,
    /// The type character, or the type's default when not given.
    pub kind: Option<u32>,
}

/// Parses a standard format specifier (`parse_internal_render_format_spec`)
/// for an object of type `type_name` whose type character defaults to
/// `default_kind`, with CPython's errors for a spec that is malformed
/// whatever the type.
pub fn parse_format_spec(
    vm: &Vm,
    spec: &[u32],
    type_name: &str,
    default_kind: Option<u32>,
) -> PyResult<FormatSpec> {
    let is_align = |c: u32| matches!(c, 0x3C | 0x3E | 0x3D | 0x5E);
    let mut parsed = FormatSpec {
        fill: 0x20,
        align: None,
        sign: None,
        no_neg_zero: false,
        alternate: false,
        zero: false,
        width: None,
        grouping: None,
        precision: None,
        kind: None,
    };
    let mut i = 0;
    let at = |i: usize| spec.get(i).copied();
    let mut fill_given = false;
    if spec.len() >= 2 && is_align(spec[1]) {
        parsed.fill = spec[0];
        parsed.align = Some(spec[1]);
        fill_given = true;
        i = 2;
    } else if at(0).is_some_and(is_align) {
        parsed.align = Some(spec[0]);
        i = 1;
    }
    if let Some(c) = at(i).filter(|&c| matches!(c, 0x2B | 0x2D | 0x20)) {
        parsed.sign = Some(c);
        i += 1;
    }
    if at(i) == Some(u32::from(b'z')) {
        parsed.no_neg_zero = true;
        i += 1;
    }
    if at(i) == Some(u32::from(b'#')) {
        parsed.alternate = true;
        i += 1;
    }
    if !fill_given && at(i) == Some(u32::from(b'0')) {
        parsed.zero = true;
        i += 1;
    }
    let digits = |i: &mut usize| -> PyResult<Option<usize>> {
        let start = *i;
        while at(*i).is_some_and(|c| (0x30..=0x39).contains(&c)) {
            *i += 1;
        }
        decimal_number(vm, &spec[start..*i])
    };
    parsed.width = digits(&mut i)?;
    if at(i) == Some(u32::from(b',')) {
        parsed.grouping = Some(u32::from(b','));
        i += 1;
    }
    if at(i) == Some(u32::from(b'_')) {
        if parsed.grouping.is_some() {
            return Err(vm.new_value_error("Cannot specify both ',' and '_'."));
        }
        parsed.grouping = Some(u32::from(b'_'));
        i += 1;
    }
    if at(i) == Some(u32::from(b',')) && parsed.grouping == Some(u32::from(b'_')) {
        return Err(vm.new_value_error("Cannot specify both ',' and '_'."));
    }
    if at(i) == Some(u32::from(b'.')) {
        i += 1;
        parsed.precision = digits(&mut i)?;
        if parsed.precision.is_none() {
            return Err(vm.new_value_error("Format specifier missing precision"));
        }
    }
    if spec.len() - i > 1 {
        let text: String = spec
            .iter()
            .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
            .collect();
        return Err(vm.new_value_error(format!(
            "Invalid format specifier '{text}' for object of type '{type_name}'"
        )));
    }
    parsed.kind = at(i).or(default_kind);
    if let Some(grouping) = parsed.grouping {
        let allowed = match parsed.kind.and_then(char::from_u32) {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => grouping == u32::from(b'_'),
            Some(_) => false,
        };
        if !allowed {
            let kind = parsed.kind.unwrap_or(0);
            return Err(vm.new_value_error(format!(
                "Cannot specify '{}' with {}.",
                grouping as u8 as char,
                describe_kind(kind)
            )));
        }
    }
    Ok(parsed)
}

/// A type character as CPython's messages show it: `'s'`, or `'\x..'`
/// when it is not printable ASCII.
fn describe_kind(kind: u32) -> String {
    if (0x21..0x7F).contains(&kind) {
        format!("'{}'", kind as u8 as char)
    } else {
        format!("'\\x{kind:x}'")
    }
}

/// `format(s, spec)` for a str (`format_string_internal`).
fn format_str(vm: &Vm, s: &StrObject, spec: &StrObject) -> PyResult {
    if spec.is_empty() {
        return Ok(crate::objects::str::substring(vm, s, 0, s.len()));
    }
    let spec = parse_format_spec(vm, &spec.wide(), "str", Some(u32::from(b's')))?;
    match spec.kind {
        None | Some(0x73) => {}
        Some(kind) => {
            return Err(vm.new_value_error(format!(
                "Unknown format code {} for object of type 'str'",
                describe_kind(kind)
            )));
        }
    }
    match spec.sign {
        Some(0x20) => {
            return Err(vm.new_value_error("Space not allowed in string format specifier"))
        }
        Some(_) => return Err(vm.new_value_error("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.no_neg_zero {
        return Err(
            vm.new_value_error("Negative zero coercion (z) not allowed in string format specifier")
        );
    }
    if spec.alternate {
        return Err(vm.new_value_error("Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some(u32::from(b'=')) {
        return Err(vm.new_value_error("'=' alignment not allowed in string format specifier"));
    }
    let fill = if spec.zero { 0x30 } else { spec.fill };
    let len = spec.precision.map_or(s.len(), |p| p.min(s.len()));
    let width = spec.width.unwrap_or(0).max(len);
    let pad = width - len;
    let left = match spec.align.map(|a| a as u8) {
        Some(b'>') => pad,
        Some(b'^') => pad / 2,
        _ => 0,
    };
    crate::objects::str::check_repeat_size(vm, 1, width)?;
    let mut points = Vec::with_capacity(width);
    points.extend(std::iter::repeat_n(fill, left));
    points.extend(s.code_points().take(len));
    points.extend(std::iter::repeat_n(fill, pad - left));
    Ok(new_from_code_points(vm, &points))
}
