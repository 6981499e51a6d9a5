//! `str` (Objects/unicodeobject.c): immutable sequences of code points.
//!
//! As PEP 393 lays them out, a str stores each code point in the fewest
//! bytes its largest needs: one (ASCII, and Latin-1), two, or four. So
//! indexing is O(1), lone surrogates are representable, and an ASCII
//! str, the common case, is also a Rust `&str` for free. The hash is
//! SipHash-1-3 over those bytes, as CPython's, so that with the same
//! PYTHONHASHSEED sets and dicts iterate in CPython's order.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::index_value;
use crate::objects::sequence::resolve_index;
use crate::objects::slice::SliceObject;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::borrow::Cow;
use std::cell::Cell;

/// Runs `$body` with `$units` bound to the str's code units at their
/// stored width (`&[u8]`, `&[u16]` or `&[u32]`), so generic code from
/// `stringlib` is instantiated once per kind, as CPython's is.
macro_rules! with_units {
    ($s:expr, |$units:ident| $body:expr) => {
        match $s.data() {
            $crate::objects::str::StrData::Ascii(a) => {
                let $units: &[u8] = a.as_bytes();
                $body
            }
            $crate::objects::str::StrData::Latin1(b) => {
                let $units: &[u8] = b;
                $body
            }
            $crate::objects::str::StrData::Ucs2(b) => {
                let $units: &[u16] = b;
                $body
            }
            $crate::objects::str::StrData::Ucs4(b) => {
                let $units: &[u32] = b;
                $body
            }
        }
    };
}

/// Runs `$body` with two strs' code units at a common width: bytes when
/// both are of one-byte kinds, else code points.
macro_rules! with_unit_pair {
    ($a:expr, $b:expr, |$x:ident, $y:ident| $body:expr) => {
        match ($a.narrow(), $b.narrow()) {
            (Some($x), Some($y)) => $body,
            _ => {
                let (wa, wb) = ($a.wide(), $b.wide());
                let ($x, $y): (&[u32], &[u32]) = (&wa, &wb);
                $body
            }
        }
    };
}

pub(crate) use {with_unit_pair, with_units};

#[derive(krait_derive::Traverse)]
pub enum StrData {
    Ascii(Box<str>),
    Latin1(Box<[u8]>),
    Ucs2(Box<[u16]>),
    Ucs4(Box<[u32]>),
}

#[derive(krait_derive::Traverse)]
pub struct StrObject {
    data: StrData,
    /// The hash, or -1 before it is first computed.
    hash: Cell<i64>,
}

impl StrObject {
    // Not `FromStr`: this cannot fail and makes a payload, not a parse.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(s: &str) -> StrObject {
        if s.is_ascii() {
            return StrObject::new(StrData::Ascii(s.into()));
        }
        StrObject::from_code_points(s.chars().map(|c| c as u32))
    }

    /// A str of the narrowest kind that holds every code point.
    pub fn from_code_points(points: impl Iterator<Item = u32> + Clone) -> StrObject {
        let max = points.clone().max().unwrap_or(0);
        let data = if max < 0x80 {
            StrData::Ascii(points.map(|c| c as u8 as char).collect::<String>().into())
        } else if max < 0x100 {
            StrData::Latin1(points.map(|c| c as u8).collect())
        } else if max < 0x10000 {
            StrData::Ucs2(points.map(|c| c as u16).collect())
        } else {
            StrData::Ucs4(points.collect())
        };
        StrObject::new(data)
    }

    fn new(data: StrData) -> StrObject {
        StrObject {
            data,
            hash: Cell::new(-1),
        }
    }

    pub fn data(&self) -> &StrData {
        &self.data
    }

    /// The number of code points.
    pub fn len(&self) -> usize {
        match &self.data {
            StrData::Ascii(s) => s.len(),
            StrData::Latin1(b) => b.len(),
            StrData::Ucs2(b) => b.len(),
            StrData::Ucs4(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at `index`, which must be in range.
    pub fn code_point(&self, index: usize) -> u32 {
        match &self.data {
            StrData::Ascii(s) => u32::from(s.as_bytes()[index]),
            StrData::Latin1(b) => u32::from(b[index]),
            StrData::Ucs2(b) => u32::from(b[index]),
            StrData::Ucs4(b) => b[index],
        }
    }

    pub fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        (0..self.len()).map(move |i| self.code_point(i))
    }

    /// The code units when the str is of a one-byte kind (ASCII or
    /// Latin-1), where each byte is a code point.
    pub fn narrow(&self) -> Option<&[u8]> {
        match &self.data {
            StrData::Ascii(s) => Some(s.as_bytes()),
            StrData::Latin1(b) => Some(b),
            _ => None,
        }
    }

    /// The code points, borrowed when stored four bytes each.
    pub fn wide(&self) -> Cow<'_, [u32]> {
        match &self.data {
            StrData::Ucs4(b) => Cow::Borrowed(b),
            _ => Cow::Owned(self.code_points().collect()),
        }
    }

    /// The text, when it is all ASCII.
    pub fn as_ascii(&self) -> Option<&str> {
        match &self.data {
            StrData::Ascii(s) => Some(s),
            _ => None,
        }
    }

    /// The text as Rust text; lone surrogates become U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        match &self.data {
            StrData::Ascii(s) => s.to_string(),
            _ => self
                .code_points()
                .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                .collect(),
        }
    }

    /// The text as Rust text, or None if it holds a lone surrogate.
    pub fn to_str(&self) -> Option<Cow<'_, str>> {
        match &self.data {
            StrData::Ascii(s) => Some(Cow::Borrowed(s)),
            _ => self
                .code_points()
                .map(char::from_u32)
                .collect::<Option<String>>()
                .map(Cow::Owned),
        }
    }

    /// Whether two strs hold the same code points.
    pub fn equals(&self, other: &StrObject) -> bool {
        if let (StrData::Ascii(a), StrData::Ascii(b)) = (&self.data, &other.data) {
            return a == b;
        }
        self.len() == other.len() && self.code_points().eq(other.code_points())
    }

    /// The hash (`unicode_hash`): SipHash-1-3 over the PEP 393 bytes.
    pub fn hash(&self, vm: &Vm) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = match &self.data {
            StrData::Ascii(s) => crate::objects::hash::hash_bytes(vm, s.as_bytes()),
            StrData::Latin1(b) => crate::objects::hash::hash_bytes(vm, b),
            StrData::Ucs2(b) => {
                let bytes: Vec<u8> = b.iter().flat_map(|c| c.to_le_bytes()).collect();
                crate::objects::hash::hash_bytes(vm, &bytes)
            }
            StrData::Ucs4(b) => {
                let bytes: Vec<u8> = b.iter().flat_map(|c| c.to_le_bytes()).collect();
                crate::objects::hash::hash_bytes(vm, &bytes)
            }
        };
        self.hash.set(h);
        h
    }
}

/// `s[start:end]` as a new exact str, of the narrowest kind.
pub fn substring(vm: &Vm, s: &StrObject, start: usize, end: usize) -> Object {
    if start >= end {
        return vm.empty_str.clone();
    }
    match &s.data {
        StrData::Ascii(a) => vm.new_str(&a[start..end]),
        _ => object::alloc(
            &vm.types.str,
            StrObject::from_code_points((start..end).map(|i| s.code_point(i))),
        ),
    }
}

/// A new exact str of these code units.
pub fn from_units<T: crate::objects::stringlib::Unit>(vm: &Vm, units: &[T]) -> Object {
    if units.is_empty() {
        return vm.empty_str.clone();
    }
    object::alloc(
        &vm.types.str,
        StrObject::from_code_points(units.iter().map(|&u| u.into())),
    )
}

/// The text of a str object (lossy for lone surrogates); "" for a
/// non-str, which callers have ruled out.
pub fn as_rust_str(object: &Object) -> Cow<'_, str> {
    match object.payload::<StrObject>() {
        Some(s) => match s.as_ascii() {
            Some(a) => Cow::Borrowed(a),
            None => Cow::Owned(s.to_string_lossy()),
        },
        None => Cow::Borrowed(""),
    }
}

/// The value of a Unicode decimal digit (`Py_UNICODE_TODECIMAL`), for
/// the runs of ten digits Unicode 14 has outside ASCII that start at the
/// zeros below.
pub fn decimal_value(c: char) -> Option<u32> {
    const ZEROS: &[u32] = &[
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10,
    ];
    let cp = c as u32;
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&cp))
        .map(|z| cp - z)
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.str);
    tp.slots
        .repr
        .set(Some(|vm, o| Ok(vm.new_str(&str_repr(payload(o))))));
    tp.slots.str.set(Some(|vm, o| {
        if vm.type_of(o).is(&vm.types.str) {
            Ok(o.clone())
        } else {
            Ok(new_from_payload(vm, payload(o)))
        }
    }));
    tp.slots.hash.set(Some(|vm, o| Ok(payload(o).hash(vm))));
    tp.slots.richcompare.set(Some(str_richcompare));
    tp.slots.length.set(Some(|_, o| Ok(payload(o).len())));
    tp.slots.nb_add.set(Some(str_concat));
    tp.slots.sq_concat.set(Some(str_concat));
    tp.slots.sq_contains.set(Some(str_contains));
    tp.slots.getitem.set(Some(str_getitem));
    tp.slots.nb_multiply.set(Some(str_repeat));
    tp.slots.nb_remainder.set(Some(str_mod));
    tp.slots.iter.set(Some(|vm, o| {
        Ok(crate::objects::iter::new_seq_iterator(
            vm,
            &vm.types.str_iterator,
            o,
        ))
    }));
    tp.slots.new.set(Some(str_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.str);
    crate::objects::str_methods::init(vm);
    crate::objects::str_format::init(vm);
}

fn payload(o: &Object) -> &StrObject {
    o.payload::<StrObject>().expect("a str")
}

fn new_from_payload(vm: &Vm, s: &StrObject) -> Object {
    object::alloc(&vm.types.str, StrObject::from_code_points(s.code_points()))
}

/// A new exact str of these code points.
pub fn new_from_code_points(vm: &Vm, points: &[u32]) -> Object {
    if points.is_empty() {
        return vm.empty_str.clone();
    }
    object::alloc(
        &vm.types.str,
        StrObject::from_code_points(points.iter().copied()),
    )
}

/// `repr(str)`: single quotes unless the text has a single quote and no
/// double one; non-printable characters escaped (`unicode_repr`).
pub fn str_repr(s: &StrObject) -> String {
    let has_single = s.code_points().any(|c| c == u32::from(b'\''));
    let has_double = s.code_points().any(|c| c == u32::from(b'"'));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.code_points() {
        match c {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            c if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            c if c < 0x20 || c == 0x7F => out.push_str(&format!("\\x{c:02x}")),
            c if c < 0x7F => out.push(c as u8 as char),
            c => match char::from_u32(c) {
                Some(ch) if krait_unicode::is_printable(ch) => out.push(ch),
                _ if c <= 0xFF => out.push_str(&format!("\\x{c:02x}")),
                _ if c <= 0xFFFF => out.push_str(&format!("\\u{c:04x}")),
                _ => out.push_str(&format!("\\U{c:08x}")),
            },
        }
    }
    out.push(quote);
    out
}

fn str_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.payload::<StrObject>(), b.payload::<StrObject>()) else {
        return Ok(vm.not_implemented.clone());
    };
    let ordering = match (&x.data, &y.data) {
        (StrData::Ascii(p), StrData::Ascii(q)) => p.cmp(q),
        _ => x.code_points().cmp(y.code_points()),
    };
    Ok(vm.new_bool(op.test(ordering)))
}

fn str_concat(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (Some(x), Some(y)) = (a.payload::<StrObject>(), b.payload::<StrObject>()) else {
        if a.payload::<StrObject>().is_some() {
            return Err(vm.new_type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                vm.type_name(b)
            )));
        }
        return Ok(vm.not_implemented.clone());
    };
    if let (Some(p), Some(q)) = (x.as_ascii(), y.as_ascii()) {
        let mut s = String::with_capacity(p.len() + q.len());
        s.push_str(p);
        s.push_str(q);
        return Ok(vm.new_str(&s));
    }
    let points: Vec<u32> = x.code_points().chain(y.code_points()).collect();
    Ok(new_from_code_points(vm, &points))
}

fn str_contains(vm: &Vm, a: &Object, b: &Object) -> PyResult<bool> {
    let Some(needle) = b.payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            vm.type_name(b)
        )));
    };
    let haystack = payload(a);
    Ok(with_unit_pair!(haystack, needle, |h, n| {
        crate::objects::stringlib::find(h, n, 0, h.len()).is_some()
    }))
}

fn str_getitem(vm: &Vm, o: &Object, key: &Object) -> PyResult {
    let s = payload(o);
    if let Some(slice) = key.payload::<SliceObject>() {
        let (start, stop, step) = slice.resolve(vm, s.len())?;
        if step == 1 {
            if start == 0 && stop as usize >= s.len() && vm.type_of(o).is(&vm.types.str) {
                return Ok(o.clone());
            }
            return Ok(substring(vm, s, start as usize, stop.max(start) as usize));
        }
        let points: Vec<u32> = slice
            .indices(vm, s.len())?
            .map(|i| s.code_point(i))
            .collect();
        return Ok(new_from_code_points(vm, &points));
    }
    match index_value(vm, key)? {
        Some(i) => match resolve_index(i, s.len()) {
            Some(i) => Ok(new_from_code_points(vm, &[s.code_point(i)])),
            None => Err(vm.new_index_error("string index out of range")),
        },
        None => Err(vm.new_type_error(format!(
            "string indices must be integers, not '{}'",
            vm.type_name(key)
        ))),
    }
}

/// `s * n` and `n * s`.
fn str_repeat(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (s, count) = match (a.payload::<StrObject>(), b.payload::<StrObject>()) {
        (Some(s), _) => (s, b),
        (None, Some(s)) => (s, a),
        _ => return Ok(vm.not_implemented.clone()),
    };
    let n = repeat_count(vm, count)?;
    if n == 1
        && vm
            .type_of(if count.is(b) { a } else { b })
            .is(&vm.types.str)
    {
        return Ok(if count.is(b) { a.clone() } else { b.clone() });
    }
    let total = check_repeat_size(vm, s.len(), n)?;
    if total == 0 {
        return Ok(vm.empty_str.clone());
    }
    if let Some(ascii) = s.as_ascii() {
        return Ok(vm.new_str(&ascii.repeat(n)));
    }
    let points: Vec<u32> = s.wide().repeat(n);
    Ok(new_from_code_points(vm, &points))
}

/// The count of a sequence repetition: an integer, negative as zero.
pub fn repeat_count(vm: &Vm, count: &Object) -> PyResult<usize> {
    let Some(n) = index_value(vm, count).map_err(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            vm.new_overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(count)
            ))
        } else {
            e
        }
    })?
    else {
        return Err(vm.new_type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(count)
        )));
    };
    Ok(n.max(0) as usize)
}

/// The size of `len` units repeated `n` times: OverflowError past what
/// an index can count, MemoryError past what could be allocated.
pub fn check_repeat_size(vm: &Vm, len: usize, n: usize) -> PyResult<usize> {
    match len.checked_mul(n) {
        Some(total) if total <= isize::MAX as usize => {
            if total > crate::objects::stringlib::MAX_RESULT {
                return Err(vm.new_exception_empty(&vm.exceptions.memory_error));
            }
            Ok(total)
        }
        _ => Err(vm.new_overflow_error("repeated string is too long")),
    }
}

/// `format % args` for a str format.
fn str_mod(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let Some(format) = a.payload::<StrObject>() else {
        return Ok(vm.not_implemented.clone());
    };
    let points =
        crate::objects::printf::format(vm, crate::objects::printf::Target::Str, &format.wide(), b)?;
    Ok(new_from_code_points(vm, &points))
}

/// `str(object='')` and `str(object=b'', encoding='utf-8', errors='strict')`.
fn str_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if args.positional().len() > 3 {
        return Err(vm.new_type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            args.positional().len()
        )));
    }
    let [object, encoding, errors] =
        <[Option<Object>; 3]>::try_from(crate::objects::getargs::bind(
            vm,
            "str",
            args,
            false,
            &["object", "encoding", "errors"],
            0,
        )?)
        .unwrap_or_default();
    let s = match (object, encoding.is_some() || errors.is_some()) {
        (None, _) => vm.empty_str.clone(),
        (Some(x), false) => vm.str(&x)?,
        (Some(x), true) => {
            let encoding = match &encoding {
                Some(e) => crate::objects::getargs::str_arg(vm, "str", "encoding", e)?,
                None => "utf-8".to_string(),
            };
            let errors = match &errors {
                Some(e) => crate::objects::getargs::str_arg(vm, "str", "errors", e)?,
                None => "strict".to_string(),
            };
            if x.payload::<StrObject>().is_some() {
                return Err(vm.new_type_error("decoding str is not supported"));
            }
            let Some(bytes) = crate::objects::bytes::bytes_like(&x) else {
                return Err(vm.new_type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    vm.type_name(&x)
                )));
            };
            decode_to_str(vm, &x, &bytes, &encoding, &errors)?
        }
    };
    if ty.is(&vm.types.str) {
        return Ok(s);
    }
    Ok(object::alloc(
        ty,
        StrObject::from_code_points(payload(&s).code_points()),
    ))
}

/// Decodes bytes to a new str (`PyUnicode_Decode`); `object` is the
/// bytes-like object they come from, for a UnicodeDecodeError.
pub fn decode_to_str(
    vm: &Vm,
    object: &Object,
    bytes: &[u8],
    encoding: &str,
    errors: &str,
) -> PyResult {
    let Some(codec) = crate::objects::codecs::builtin(encoding) else {
        return crate::codecs::transcode_text(
            vm,
            object,
            encoding,
            errors,
            crate::codecs::Direction::Decode,
        );
    };
    // Every codec here reads ASCII as itself.
    if bytes.is_ascii() {
        return Ok(vm.new_str(std::str::from_utf8(bytes).unwrap_or_default()));
    }
    let points = crate::objects::codecs::decode(vm, object, bytes, codec, errors)?;
    Ok(new_from_code_points(vm, &points))
}
