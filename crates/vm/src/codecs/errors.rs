//! The codecs' error handlers (Python/codecs.c, second half): the
//! registry of handlers by name (`codecs.register_error`,
//! `codecs.lookup_error`), the standard handlers, and how a codec asks a
//! handler about a run it cannot convert.
//!
//! A codec describes its failure ([`EncodeFailure`], [`DecodeFailure`])
//! and gets back what to put in its output and where to resume. The
//! standard handlers are recognized by name and answer without making an
//! exception object, as CPython's codecs do (`_Py_GetErrorHandler`); any
//! other name is looked up in the registry and called with the
//! exception, as PEP 293 says. The same answers back the handler
//! functions the registry holds (`codecs.strict_errors` and the rest),
//! which read the failure from the exception they are given.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::bytes::{bytes_view, new_bytes};
use crate::objects::dict::dict_of;
use crate::objects::function::NativeFn;
use crate::objects::str::{as_rust_str, new_from_code_points, StrObject};
use crate::typeobject::Args;
use crate::vm::Vm;

/// What a handler puts in an encoder's output: text the encoder encodes
/// itself, or bytes it copies.
pub enum Replacement {
    Str(Vec<u32>),
    Bytes(Vec<u8>),
}

/// An encoder's failure on `points[start..end]` of the str `text`.
pub struct EncodeFailure<'a> {
    pub encoding: &'a str,
    pub text: &'a Object,
    pub points: &'a [u32],
    pub start: usize,
    pub end: usize,
    pub reason: &'a str,
}

impl EncodeFailure<'_> {
    /// The UnicodeEncodeError this failure is.
    pub fn exception(&self, vm: &Vm) -> PyErr {
        match self.exception_object(vm) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }

    fn exception_object(&self, vm: &Vm) -> PyResult {
        let args = [
            vm.new_str(self.encoding),
            self.text.clone(),
            vm.new_int(self.start as i64),
            vm.new_int(self.end as i64),
            vm.new_str(self.reason),
        ];
        vm.call(
            &vm.exceptions.unicode_encode_error,
            Args::positional_only(&args),
        )
    }
}

/// A decoder's failure on `bytes[start..end]`, the contents of the
/// bytes-like `object`.
pub struct DecodeFailure<'a> {
    pub encoding: &'a str,
    pub object: &'a Object,
    pub bytes: &'a [u8],
    pub start: usize,
    pub end: usize,
    pub reason: &'a str,
}

impl DecodeFailure<'_> {
    /// The UnicodeDecodeError this failure is.
    pub fn exception(&self, vm: &Vm) -> PyErr {
        match self.exception_object(vm) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }

    fn exception_object(&self, vm: &Vm) -> PyResult {
        // The exception holds bytes, whatever bytes-like object was
        // decoded.
        let object = if self
            .object
            .payload::<crate::objects::bytes::BytesObject>()
            .is_some()
        {
            self.object.clone()
        } else {
            new_bytes(vm, self.bytes.to_vec())
        };
        let args = [
            vm.new_str(self.encoding),
            object,
            vm.new_int(self.start as i64),
            vm.new_int(self.end as i64),
            vm.new_str(self.reason),
        ];
        vm.call(
            &vm.exceptions.unicode_decode_error,
            Args::positional_only(&args),
        )
    }
}

impl DecodeFailure<'_> {
    /// Asks the handler named `errors` about this failure and appends
    /// its text to `out`: the position to go on from.
    pub fn resolve(&self, vm: &Vm, errors: &str, out: &mut Vec<u32>) -> PyResult<usize> {
        let (text, resume) = handle_decode(vm, errors, self)?;
        out.extend(text);
        Ok(resume)
    }
}

/// What the handler named `errors` does with an encoder's failure: the
/// replacement and the position to resume at.
pub fn handle_encode(
    vm: &Vm,
    errors: &str,
    failure: &EncodeFailure,
) -> PyResult<(Replacement, usize)> {
    if let Some(answer) = standard_encode(vm, errors, failure)? {
        return Ok(answer);
    }
    let handler = lookup_error(vm, errors)?;
    let exc = failure.exception_object(vm)?;
    let result = vm.call(&handler, Args::positional_only(&[exc]))?;
    let bad = || vm.new_type_error("encoding error handler must return (str/bytes, int) tuple");
    let (replacement, position) = handler_result(vm, &result).ok_or_else(bad)?;
    let replacement = if let Some(s) = replacement.payload::<StrObject>() {
        Replacement::Str(s.wide().into_owned())
    } else if let Some(b) = replacement.payload::<crate::objects::bytes::BytesObject>() {
        Replacement::Bytes(b.bytes.to_vec())
    } else {
        return Err(bad());
    };
    Ok((
        replacement,
        resume_position(vm, &position, failure.points.len())?,
    ))
}

/// What the handler named `errors` does with a decoder's failure: the
/// text to put in the output and the position to resume at.
pub fn handle_decode(
    vm: &Vm,
    errors: &str,
    failure: &DecodeFailure,
) -> PyResult<(Vec<u32>, usize)> {
    if let Some(answer) = standard_decode(vm, errors, failure)? {
        return Ok(answer);
    }
    let handler = lookup_error(vm, errors)?;
    let exc = failure.exception_object(vm)?;
    let result = vm.call(&handler, Args::positional_only(&[exc]))?;
    let bad = || vm.new_type_error("decoding error handler must return (str, int) tuple");
    let (replacement, position) = handler_result(vm, &result).ok_or_else(bad)?;
    let text = replacement.payload::<StrObject>().ok_or_else(bad)?;
    Ok((
        text.wide().into_owned(),
        resume_position(vm, &position, failure.bytes.len())?,
    ))
}

/// The two items of a handler's tuple, the second an int.
fn handler_result(vm: &Vm, result: &Object) -> Option<(Object, Object)> {
    let tuple = result.payload::<crate::objects::tuple::TupleObject>()?;
    match tuple.items() {
        [replacement, position] if vm.is_instance(position, &vm.types.int) => {
            Some((replacement.clone(), position.clone()))
        }
        _ => None,
    }
}

/// A handler's resume position, counted from the end if negative.
fn resume_position(vm: &Vm, position: &Object, len: usize) -> PyResult<usize> {
    let n = crate::objects::getargs::ssize_arg(vm, position)?;
    let resolved = if n < 0 { len as i64 + n } else { n };
    if resolved < 0 || resolved > len as i64 {
        return Err(vm.new_index_error(format!("position {n} from error handler out of bounds")));
    }
    Ok(resolved as usize)
}

/// The standard handlers' answers for an encoder, None for another name.
fn standard_encode(
    vm: &Vm,
    errors: &str,
    f: &EncodeFailure,
) -> PyResult<Option<(Replacement, usize)>> {
    let run = &f.points[f.start..f.end];
    let text = |points: Vec<u32>| Ok(Some((Replacement::Str(points), f.end)));
    match errors {
        "strict" => Err(f.exception(vm)),
        "ignore" => text(Vec::new()),
        "replace" => text(vec![u32::from('?'); run.len()]),
        "backslashreplace" => text(ascii_points(run.iter().map(|&c| backslash_escape(c)))),
        "xmlcharrefreplace" => text(ascii_points(run.iter().map(|&c| format!("&#{c};")))),
        "namereplace" => text(ascii_points(run.iter().map(|&c| name_escape(c)))),
        "surrogateescape" => {
            let mut out = Vec::with_capacity(run.len());
            for &c in run {
                if !(0xDC80..=0xDCFF).contains(&c) {
                    return Err(f.exception(vm));
                }
                out.push((c - 0xDC00) as u8);
            }
            Ok(Some((Replacement::Bytes(out), f.end)))
        }
        "surrogatepass" => {
            let Some(unit) = StandardEncoding::of(f.encoding) else {
                return Err(f.exception(vm));
            };
            let mut out = Vec::with_capacity(run.len() * 4);
            for &c in run {
                if !(0xD800..=0xDFFF).contains(&c) {
                    return Err(f.exception(vm));
                }
                unit.push_surrogate(&mut out, c);
            }
            Ok(Some((Replacement::Bytes(out), f.end)))
        }
        _ => Ok(None),
    }
}

/// The standard handlers' answers for a decoder, None for another name.
fn standard_decode(
    vm: &Vm,
    errors: &str,
    f: &DecodeFailure,
) -> PyResult<Option<(Vec<u32>, usize)>> {
    match errors {
        "strict" => Err(f.exception(vm)),
        "ignore" => Ok(Some((Vec::new(), f.end))),
        "replace" => Ok(Some((vec![0xFFFD], f.end))),
        "backslashreplace" => {
            let run = &f.bytes[f.start..f.end];
            let escapes = ascii_points(run.iter().map(|&b| format!("\\x{b:02x}")));
            Ok(Some((escapes, f.end)))
        }
        "xmlcharrefreplace" | "namereplace" => Err(cannot_handle(vm, "UnicodeDecodeError")),
        "surrogateescape" => {
            // At most four bytes at a time, as CPython's handler takes.
            let taken: Vec<u32> = f.bytes[f.start..f.end]
                .iter()
                .take(4)
                .take_while(|&&b| b >= 0x80)
                .map(|&b| 0xDC00 + u32::from(b))
                .collect();
            if taken.is_empty() {
                return Err(f.exception(vm));
            }
            let end = f.start + taken.len();
            Ok(Some((taken, end)))
        }
        "surrogatepass" => {
            let surrogate = StandardEncoding::of(f.encoding)
                .and_then(|unit| unit.read_surrogate(&f.bytes[f.start..]));
            match surrogate {
                Some((c, len)) => Ok(Some((vec![c], f.start + len))),
                None => Err(f.exception(vm)),
            }
        }
        _ => Ok(None),
    }
}

/// The encodings `surrogatepass` knows how to write a surrogate in
/// (`get_standard_encoding`).
#[derive(Clone, Copy)]
enum StandardEncoding {
    Utf8,
    Utf16 { big: bool },
    Utf32 { big: bool },
}

impl StandardEncoding {
    fn of(encoding: &str) -> Option<StandardEncoding> {
        let name = encoding.to_ascii_lowercase();
        let rest = name.strip_prefix("utf")?;
        let rest = rest.strip_prefix(['-', '_']).unwrap_or(rest);
        let (width, order) = if let Some(order) = rest.strip_prefix("16") {
            (16, order)
        } else if let Some(order) = rest.strip_prefix("32") {
            (32, order)
        } else if rest == "8" {
            return Some(StandardEncoding::Utf8);
        } else {
            return None;
        };
        let order = order.strip_prefix(['-', '_']).unwrap_or(order);
        let big = match order {
            "" => cfg!(target_endian = "big"),
            "le" => false,
            "be" => true,
            _ => return None,
        };
        Some(if width == 16 {
            StandardEncoding::Utf16 { big }
        } else {
            StandardEncoding::Utf32 { big }
        })
    }

    fn push_surrogate(self, out: &mut Vec<u8>, c: u32) {
        match self {
            StandardEncoding::Utf8 => out.extend([
                0xE0 | (c >> 12) as u8,
                0x80 | ((c >> 6) & 0x3F) as u8,
                0x80 | (c & 0x3F) as u8,
            ]),
            StandardEncoding::Utf16 { big } => {
                let unit = c as u16;
                out.extend(if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            StandardEncoding::Utf32 { big } => out.extend(if big {
                c.to_be_bytes()
            } else {
                c.to_le_bytes()
            }),
        }
    }

    /// The surrogate encoded at the start of `bytes`, and its length.
    fn read_surrogate(self, bytes: &[u8]) -> Option<(u32, usize)> {
        let (c, len) = match self {
            StandardEncoding::Utf8 => match bytes {
                [b0, b1, b2, ..] if b0 & 0xF0 == 0xE0 && b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 => {
                    (
                        (u32::from(b0 & 0x0F) << 12)
                            | (u32::from(b1 & 0x3F) << 6)
                            | u32::from(b2 & 0x3F),
                        3,
                    )
                }
                _ => return None,
            },
            StandardEncoding::Utf16 { big } => {
                let pair: [u8; 2] = bytes.get(..2)?.try_into().ok()?;
                let unit = if big {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                };
                (u32::from(unit), 2)
            }
            StandardEncoding::Utf32 { big } => {
                let quad: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
                let c = if big {
                    u32::from_be_bytes(quad)
                } else {
                    u32::from_le_bytes(quad)
                };
                (c, 4)
            }
        };
        (0xD800..=0xDFFF).contains(&c).then_some((c, len))
    }
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn backslash_escape(c: u32) -> String {
    if c < 0x100 {
        format!("\\x{c:02x}")
    } else if c < 0x10000 {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

/// `\N{NAME}`, or the backslash escape of a character without a name.
fn name_escape(c: u32) -> String {
    match char::from_u32(c).and_then(unicode_names2::name) {
        Some(name) => format!("\\N{{{name}}}"),
        None => backslash_escape(c),
    }
}

fn ascii_points(pieces: impl Iterator<Item = String>) -> Vec<u32> {
    pieces.flat_map(|s| s.into_bytes()).map(u32::from).collect()
}

fn cannot_handle(vm: &Vm, type_name: &str) -> PyErr {
    vm.new_type_error(format!(
        "don't know how to handle {type_name} in error callback"
    ))
}

// --- The registry -----------------------------------------------------

/// The standard handlers, by the names they are registered under, as
/// the functions `codecs.lookup_error` gives.
const STANDARD_HANDLERS: &[(&str, &str, NativeFn)] = &[
    ("strict", "strict_errors", |vm, args| {
        let [exc] = one_arg(vm, "strict_errors", args)?;
        if vm.is_instance(&exc, &vm.exceptions.base_exception) {
            Err(PyErr(exc))
        } else {
            Err(vm.new_type_error("codec must pass exception instance"))
        }
    }),
    ("ignore", "ignore_errors", |vm, args| {
        call_standard(vm, "ignore_errors", args, "ignore")
    }),
    ("replace", "replace_errors", |vm, args| {
        call_standard(vm, "replace_errors", args, "replace")
    }),
    (
        "xmlcharrefreplace",
        "xmlcharrefreplace_errors",
        |vm, args| call_standard(vm, "xmlcharrefreplace_errors", args, "xmlcharrefreplace"),
    ),
    ("backslashreplace", "backslashreplace_errors", |vm, args| {
        call_standard(vm, "backslashreplace_errors", args, "backslashreplace")
    }),
    ("namereplace", "namereplace_errors", |vm, args| {
        call_standard(vm, "namereplace_errors", args, "namereplace")
    }),
    ("surrogatepass", "surrogatepass", |vm, args| {
        call_standard(vm, "surrogatepass", args, "surrogatepass")
    }),
    ("surrogateescape", "surrogateescape", |vm, args| {
        call_standard(vm, "surrogateescape", args, "surrogateescape")
    }),
];

fn one_arg(vm: &Vm, name: &str, args: Args) -> PyResult<[Object; 1]> {
    crate::objects::function::check_function_arity(vm, name, args, 1, 1)?;
    Ok([args.values[0].clone()])
}

/// A standard handler called with an exception: the failure it
/// describes, answered as the codecs' fast path answers it.
fn call_standard(vm: &Vm, fname: &str, args: Args, errors: &str) -> PyResult {
    let [exc] = one_arg(vm, fname, args)?;
    let e = &vm.exceptions;
    let kind = if vm.is_instance(&exc, &e.unicode_encode_error) {
        &e.unicode_encode_error
    } else if vm.is_instance(&exc, &e.unicode_decode_error) {
        &e.unicode_decode_error
    } else if vm.is_instance(&exc, &e.unicode_translate_error) {
        &e.unicode_translate_error
    } else {
        return Err(cannot_handle(vm, &vm.type_name(&exc)));
    };
    let attr = |name: &str| vm.getattr(&exc, &vm.intern(name));
    let object = attr("object")?;
    let int_attr =
        |name: &str| -> PyResult<i64> { crate::objects::getargs::ssize_arg(vm, &attr(name)?) };
    let encoding = if kind.is(&e.unicode_translate_error) {
        String::new()
    } else {
        as_rust_str(&attr("encoding")?).into_owned()
    };
    let reason = as_rust_str(&attr("reason")?).into_owned();
    if kind.is(&e.unicode_decode_error) {
        let Some(bytes) = bytes_view(&object) else {
            return Err(vm.new_type_error("object attribute must be bytes"));
        };
        let (start, end) = clamp_range(int_attr("start")?, int_attr("end")?, bytes.len());
        let failure = DecodeFailure {
            encoding: &encoding,
            object: &object,
            bytes: &bytes,
            start,
            end,
            reason: &reason,
        };
        let Some((text, resume)) = standard_decode(vm, errors, &failure)? else {
            return Err(cannot_handle(vm, "UnicodeDecodeError"));
        };
        return Ok(pair(vm, new_from_code_points(vm, &text), resume));
    }
    let Some(text) = object.payload::<StrObject>() else {
        return Err(vm.new_type_error("object attribute must be unicode"));
    };
    let points = text.wide();
    let (start, end) = clamp_range(int_attr("start")?, int_attr("end")?, points.len());
    if kind.is(&e.unicode_translate_error) {
        // Translation has nothing to encode into: only what gives text
        // applies, and `replace` gives U+FFFD.
        let run = end - start;
        let replacement = match errors {
            "ignore" => Vec::new(),
            "replace" => vec![0xFFFD; run],
            "backslashreplace" => {
                ascii_points(points[start..end].iter().map(|&c| backslash_escape(c)))
            }
            _ => return Err(cannot_handle(vm, "UnicodeTranslateError")),
        };
        return Ok(pair(vm, new_from_code_points(vm, &replacement), end));
    }
    let failure = EncodeFailure {
        encoding: &encoding,
        text: &object,
        points: &points,
        start,
        end,
        reason: &reason,
    };
    let answer = match standard_encode(vm, errors, &failure) {
        // The surrogate handlers re-raise the exception they were given.
        Err(err) if errors.starts_with("surrogate") => {
            let _ = err;
            return Err(PyErr(exc));
        }
        answer => answer?,
    };
    let Some((replacement, resume)) = answer else {
        return Err(cannot_handle(vm, "UnicodeEncodeError"));
    };
    let replacement = match replacement {
        Replacement::Str(points) => new_from_code_points(vm, &points),
        Replacement::Bytes(bytes) => new_bytes(vm, bytes),
    };
    Ok(pair(vm, replacement, resume))
}

/// A failure's range within an object of `len` items, as the exception
/// getters clamp it (`PyUnicodeEncodeError_GetStart` and the rest).
fn clamp_range(start: i64, end: i64, len: usize) -> (usize, usize) {
    let len = len as i64;
    let start = start.clamp(0, (len - 1).max(0));
    let end = end.clamp(1, len.max(1)).min(len);
    (start as usize, end.max(start) as usize)
}

fn pair(vm: &Vm, replacement: Object, resume: usize) -> Object {
    vm.new_tuple(vec![replacement, vm.new_int(resume as i64)])
}

/// Puts the standard handlers in a new registry.
pub(crate) fn register_standard(vm: &Vm, registry: &Object) {
    for &(name, function_name, f) in STANDARD_HANDLERS {
        let function = crate::objects::function::new_builtin_function(vm, function_name, f);
        let _ = dict_of(registry).set(vm, vm.new_str(name), function);
    }
}

/// The handler registered as `name` (`PyCodec_LookupError`).
pub fn lookup_error(vm: &Vm, name: &str) -> PyResult {
    let registry = super::registry(vm).error_registry.clone();
    match dict_of(&registry).get(vm, &vm.new_str(name))? {
        Some(handler) => Ok(handler),
        None => Err(vm.new_exception(
            &vm.exceptions.lookup_error,
            format!("unknown error handler name '{name}'"),
        )),
    }
}

/// Registers `handler` as `name` (`PyCodec_RegisterError`).
pub fn register_error(vm: &Vm, name: &Object, handler: &Object) -> PyResult<()> {
    if !vm.is_callable(handler) {
        return Err(vm.new_type_error("handler must be callable"));
    }
    let registry = super::registry(vm).error_registry.clone();
    dict_of(&registry).set(vm, name.clone(), handler.clone())
}
