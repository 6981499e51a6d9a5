//! `_codecs` (Modules/_codecsmodule.c): the codec registry and error
//! handler registry of `crate::codecs`, and the codec functions the
//! modules of Lib/encodings are written with. An encoder gives
//! `(bytes, characters read)`, a decoder `(str, bytes read)`.

use crate::codecs::{self, Direction};
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::{buffer_arg, new_bytes, BytesObject};
use crate::objects::codecs::{self as unicode_codecs, charmap, escape, utf16, utf7, Codec};
use crate::objects::function::NativeFn;
use crate::objects::getargs::{bind, clinic_type_name, str_arg};
use crate::objects::str::{new_from_code_points, StrObject};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::borrow::Cow;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("register", |vm, args| {
            let [f] = one(vm, "register", args)?;
            codecs::register(vm, &f)?;
            Ok(vm.none.clone())
        }),
        ("unregister", |vm, args| {
            let [f] = one(vm, "unregister", args)?;
            codecs::unregister(vm, &f)?;
            Ok(vm.none.clone())
        }),
        ("lookup", |vm, args| {
            let [encoding] = one(vm, "lookup", args)?;
            codecs::lookup(vm, &encoding)
        }),
        ("encode", |vm, args| transcode(vm, args, Direction::Encode)),
        ("decode", |vm, args| transcode(vm, args, Direction::Decode)),
        ("lookup_error", |vm, args| {
            let [name] = one(vm, "lookup_error", args)?;
            let name = sole_str_arg(vm, "lookup_error", &name)?;
            codecs::errors::lookup_error(vm, &name)
        }),
        ("register_error", |vm, args| {
            let a = positional(vm, "register_error", args, 2, 2)?;
            str_param(vm, "register_error", 1, &a[0])?;
            codecs::errors::register_error(vm, &a[0], &a[1])?;
            Ok(vm.none.clone())
        }),
        ("utf_8_encode", |vm, args| {
            simple_encode(vm, args, "utf_8_encode", Codec::Utf8)
        }),
        ("ascii_encode", |vm, args| {
            simple_encode(vm, args, "ascii_encode", Codec::Ascii)
        }),
        ("latin_1_encode", |vm, args| {
            simple_encode(vm, args, "latin_1_encode", Codec::Latin1)
        }),
        ("utf_8_decode", |vm, args| {
            let a = positional(vm, "utf_8_decode", args, 1, 3)?;
            let final_ = flag_param(vm, a.get(2), false)?;
            simple_decode(vm, "utf_8_decode", &a, Codec::Utf8, final_)
        }),
        ("ascii_decode", |vm, args| {
            let a = positional(vm, "ascii_decode", args, 1, 2)?;
            simple_decode(vm, "ascii_decode", &a, Codec::Ascii, true)
        }),
        ("latin_1_decode", |vm, args| {
            let a = positional(vm, "latin_1_decode", args, 1, 2)?;
            simple_decode(vm, "latin_1_decode", &a, Codec::Latin1, true)
        }),
        ("utf_16_encode", |vm, args| {
            wide_encode(vm, args, "utf_16_encode", utf16::Width::Utf16, None)
        }),
        ("utf_16_le_encode", |vm, args| {
            wide_encode(vm, args, "utf_16_le_encode", utf16::Width::Utf16, Some(-1))
        }),
        ("utf_16_be_encode", |vm, args| {
            wide_encode(vm, args, "utf_16_be_encode", utf16::Width::Utf16, Some(1))
        }),
        ("utf_32_encode", |vm, args| {
            wide_encode(vm, args, "utf_32_encode", utf16::Width::Utf32, None)
        }),
        ("utf_32_le_encode", |vm, args| {
            wide_encode(vm, args, "utf_32_le_encode", utf16::Width::Utf32, Some(-1))
        }),
        ("utf_32_be_encode", |vm, args| {
            wide_encode(vm, args, "utf_32_be_encode", utf16::Width::Utf32, Some(1))
        }),
        ("utf_16_decode", |vm, args| {
            wide_decode(vm, args, "utf_16_decode", utf16::Width::Utf16, Some(0))
        }),
        ("utf_16_le_decode", |vm, args| {
            wide_decode(vm, args, "utf_16_le_decode", utf16::Width::Utf16, Some(-1))
        }),
        ("utf_16_be_decode", |vm, args| {
            wide_decode(vm, args, "utf_16_be_decode", utf16::Width::Utf16, Some(1))
        }),
        ("utf_16_ex_decode", |vm, args| {
            wide_decode(vm, args, "utf_16_ex_decode", utf16::Width::Utf16, None)
        }),
        ("utf_32_decode", |vm, args| {
            wide_decode(vm, args, "utf_32_decode", utf16::Width::Utf32, Some(0))
        }),
        ("utf_32_le_decode", |vm, args| {
            wide_decode(vm, args, "utf_32_le_decode", utf16::Width::Utf32, Some(-1))
        }),
        ("utf_32_be_decode", |vm, args| {
            wide_decode(vm, args, "utf_32_be_decode", utf16::Width::Utf32, Some(1))
        }),
        ("utf_32_ex_decode", |vm, args| {
            wide_decode(vm, args, "utf_32_ex_decode", utf16::Width::Utf32, None)
        }),
        ("utf_7_encode", |vm, args| {
            let a = positional(vm, "utf_7_encode", args, 1, 2)?;
            let (_, points) = text_param(vm, "utf_7_encode", &a[0])?;
            errors_param(vm, "utf_7_encode", a.get(1))?;
            Ok(encoded(vm, utf7::encode(&points), points.len()))
        }),
        ("utf_7_decode", |vm, args| {
            let a = positional(vm, "utf_7_decode", args, 1, 3)?;
            let data = buffer_arg(vm, &a[0])?;
            let errors = errors_param(vm, "utf_7_decode", a.get(1))?;
            let final_ = flag_param(vm, a.get(2), false)?;
            let (points, read) = utf7::decode(vm, &a[0], &data, &errors, final_)?;
            Ok(decoded(vm, &points, read))
        }),
        ("unicode_escape_encode", |vm, args| {
            let a = positional(vm, "unicode_escape_encode", args, 1, 2)?;
            let (_, points) = text_param(vm, "unicode_escape_encode", &a[0])?;
            errors_param(vm, "unicode_escape_encode", a.get(1))?;
            Ok(encoded(
                vm,
                escape::unicode_escape_encode(&points),
                points.len(),
            ))
        }),
        ("raw_unicode_escape_encode", |vm, args| {
            let a = positional(vm, "raw_unicode_escape_encode", args, 1, 2)?;
            let (_, points) = text_param(vm, "raw_unicode_escape_encode", &a[0])?;
            errors_param(vm, "raw_unicode_escape_encode", a.get(1))?;
            Ok(encoded(
                vm,
                escape::raw_unicode_escape_encode(&points),
                points.len(),
            ))
        }),
        ("unicode_escape_decode", |vm, args| {
            escape_decode(
                vm,
                args,
                "unicode_escape_decode",
                escape::unicode_escape_decode,
            )
        }),
        ("raw_unicode_escape_decode", |vm, args| {
            escape_decode(
                vm,
                args,
                "raw_unicode_escape_decode",
                escape::raw_unicode_escape_decode,
            )
        }),
        ("escape_encode", |vm, args| {
            let a = positional(vm, "escape_encode", args, 1, 2)?;
            let Some(data) = a[0].payload::<BytesObject>() else {
                return Err(vm.new_type_error(format!(
                    "escape_encode() argument 1 must be bytes, not {}",
                    clinic_type_name(vm, &a[0])
                )));
            };
            errors_param(vm, "escape_encode", a.get(1))?;
            Ok(encoded(
                vm,
                escape::escape_encode(&data.bytes),
                data.bytes.len(),
            ))
        }),
        ("escape_decode", |vm, args| {
            let a = positional(vm, "escape_decode", args, 1, 2)?;
            let data = text_or_buffer(vm, &a[0])?;
            let errors = errors_param(vm, "escape_decode", a.get(1))?;
            let bytes = escape::escape_decode(vm, &data, &errors)?;
            Ok(encoded(vm, bytes, data.len()))
        }),
        ("readbuffer_encode", |vm, args| {
            let a = positional(vm, "readbuffer_encode", args, 1, 2)?;
            let data = text_or_buffer(vm, &a[0])?;
            errors_param(vm, "readbuffer_encode", a.get(1))?;
            let len = data.len();
            Ok(encoded(vm, data.into_owned(), len))
        }),
        ("charmap_encode", |vm, args| {
            let a = positional(vm, "charmap_encode", args, 1, 3)?;
            let (text, points) = text_param(vm, "charmap_encode", &a[0])?;
            let errors = errors_param(vm, "charmap_encode", a.get(1))?;
            let bytes = match a.get(2).filter(|m| !vm.is_none(m)) {
                Some(mapping) => charmap::encode(vm, text, &points, &errors, mapping)?,
                None => unicode_codecs::encode(vm, text, &points, Codec::Latin1, &errors)?,
            };
            Ok(encoded(vm, bytes, points.len()))
        }),
        ("charmap_decode", |vm, args| {
            let a = positional(vm, "charmap_decode", args, 1, 3)?;
            let data = buffer_arg(vm, &a[0])?;
            let errors = errors_param(vm, "charmap_decode", a.get(1))?;
            let points = match a.get(2).filter(|m| !vm.is_none(m)) {
                Some(mapping) => charmap::decode(vm, &a[0], &data, &errors, mapping)?,
                None => unicode_codecs::decode(vm, &a[0], &data, Codec::Latin1, &errors)?,
            };
            Ok(decoded(vm, &points, data.len()))
        }),
        ("charmap_build", |vm, args| {
            let [map] = one(vm, "charmap_build", args)?;
            let Some(table) = map.payload::<StrObject>() else {
                return Err(vm.new_type_error(format!(
                    "charmap_build() argument must be str, not {}",
                    clinic_type_name(vm, &map)
                )));
            };
            charmap::build(vm, table)
        }),
    ];
    super::add_functions(vm, module, functions);
    Ok(())
}

/// The arguments of a function taking `min` to `max` positional
/// arguments only, with arg clinic's messages.
fn positional(vm: &Vm, name: &str, args: Args, min: usize, max: usize) -> PyResult<Vec<Object>> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("_codecs.{name}() takes no keyword arguments")));
    }
    crate::objects::function::check_function_arity(vm, name, args, min, max)?;
    Ok(args.values.to_vec())
}

fn one(vm: &Vm, name: &str, args: Args) -> PyResult<[Object; 1]> {
    crate::objects::function::check_function_arity(vm, name, args, 1, 1)?;
    Ok([args.values[0].clone()])
}

/// The one str argument of `lookup_error` and the like.
fn sole_str_arg(vm: &Vm, fname: &str, value: &Object) -> PyResult<String> {
    match value.payload::<StrObject>() {
        Some(s) => Ok(s.to_string_lossy()),
        None => Err(vm.new_type_error(format!(
            "{fname}() argument must be str, not {}",
            clinic_type_name(vm, value)
        ))),
    }
}

/// Positional argument `n` (from 1), which must be a str.
fn str_param<'a>(vm: &Vm, fname: &str, n: usize, value: &'a Object) -> PyResult<&'a StrObject> {
    value.payload::<StrObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            clinic_type_name(vm, value)
        ))
    })
}

/// The text to encode: the str and its code points.
fn text_param<'a>(
    vm: &Vm,
    fname: &str,
    value: &'a Object,
) -> PyResult<(&'a Object, Cow<'a, [u32]>)> {
    let text = str_param(vm, fname, 1, value)?;
    Ok((value, text.wide()))
}

/// The `errors` argument: a str, or None for `strict`.
fn errors_param(vm: &Vm, fname: &str, value: Option<&Object>) -> PyResult<String> {
    match value {
        None => Ok("strict".to_string()),
        Some(v) if vm.is_none(v) => Ok("strict".to_string()),
        Some(v) => match v.payload::<StrObject>() {
            Some(s) => Ok(s.to_string_lossy()),
            None => Err(vm.new_type_error(format!(
                "{fname}() argument 2 must be str or None, not {}",
                clinic_type_name(vm, v)
            ))),
        },
    }
}

/// A true-or-false argument given as an int (`final`).
fn flag_param(vm: &Vm, value: Option<&Object>, default: bool) -> PyResult<bool> {
    match value {
        None => Ok(default),
        Some(v) => Ok(crate::objects::getargs::int_arg(vm, v)? != 0),
    }
}

/// An argument that may be bytes-like or a str, read as UTF-8.
fn text_or_buffer<'a>(vm: &Vm, value: &'a Object) -> PyResult<Cow<'a, [u8]>> {
    match value.payload::<StrObject>() {
        Some(s) => {
            let points = s.wide();
            Ok(Cow::Owned(unicode_codecs::encode(
                vm,
                value,
                &points,
                Codec::Utf8,
                "strict",
            )?))
        }
        None => buffer_arg(vm, value),
    }
}

fn encoded(vm: &Vm, bytes: Vec<u8>, read: usize) -> Object {
    vm.new_tuple(vec![new_bytes(vm, bytes), vm.new_int(read as i64)])
}

fn decoded(vm: &Vm, points: &[u32], read: usize) -> Object {
    vm.new_tuple(vec![
        new_from_code_points(vm, points),
        vm.new_int(read as i64),
    ])
}

/// `codecs.encode(obj, encoding='utf-8', errors='strict')` and
/// `codecs.decode`.
fn transcode(vm: &Vm, args: Args, direction: Direction) -> PyResult {
    let fname = match direction {
        Direction::Encode => "encode",
        Direction::Decode => "decode",
    };
    let bound = bind(vm, fname, args, false, &["obj", "encoding", "errors"], 1)?;
    let encoding = match &bound[1] {
        Some(e) => {
            str_arg(vm, fname, "encoding", e)?;
            e.clone()
        }
        None => vm.new_str("utf-8"),
    };
    let errors = match &bound[2] {
        Some(e) => {
            str_arg(vm, fname, "errors", e)?;
            e.clone()
        }
        None => vm.new_str("strict"),
    };
    let object = bound[0].as_ref().expect("required");
    codecs::transcode(vm, object, &encoding, Some(&errors), direction)
}

fn simple_encode(vm: &Vm, args: Args, fname: &str, codec: Codec) -> PyResult {
    let a = positional(vm, fname, args, 1, 2)?;
    let (text, points) = text_param(vm, fname, &a[0])?;
    let errors = errors_param(vm, fname, a.get(1))?;
    let bytes = unicode_codecs::encode(vm, text, &points, codec, &errors)?;
    Ok(encoded(vm, bytes, points.len()))
}

fn simple_decode(vm: &Vm, fname: &str, a: &[Object], codec: Codec, final_: bool) -> PyResult {
    let data = buffer_arg(vm, &a[0])?;
    let errors = errors_param(vm, fname, a.get(1))?;
    let (points, read) = unicode_codecs::decode_prefix(vm, &a[0], &data, codec, &errors, final_)?;
    Ok(decoded(vm, &points, read))
}

/// The UTF-16 and UTF-32 encoders: `byteorder` fixed, or None for the
/// functions that take it as their third argument.
fn wide_encode(
    vm: &Vm,
    args: Args,
    fname: &str,
    width: utf16::Width,
    byteorder: Option<i32>,
) -> PyResult {
    let max = if byteorder.is_some() { 2 } else { 3 };
    let a = positional(vm, fname, args, 1, max)?;
    let (text, points) = text_param(vm, fname, &a[0])?;
    let errors = errors_param(vm, fname, a.get(1))?;
    let byteorder = match (byteorder, a.get(2)) {
        (Some(order), _) => order,
        (None, Some(order)) => crate::objects::getargs::int_arg(vm, order)?,
        (None, None) => 0,
    };
    let bytes = utf16::encode(vm, text, &points, &errors, width, byteorder)?;
    Ok(encoded(vm, bytes, points.len()))
}

/// The UTF-16 and UTF-32 decoders: `byteorder` fixed, or None for the
/// `_ex_` functions, which take it as their third argument and give
/// the order they found as a third item.
fn wide_decode(
    vm: &Vm,
    args: Args,
    fname: &str,
    width: utf16::Width,
    byteorder: Option<i32>,
) -> PyResult {
    let max = if byteorder.is_some() { 3 } else { 4 };
    let a = positional(vm, fname, args, 1, max)?;
    let data = buffer_arg(vm, &a[0])?;
    let errors = errors_param(vm, fname, a.get(1))?;
    let (mut order, final_) = match byteorder {
        Some(order) => (order, flag_param(vm, a.get(2), false)?),
        None => {
            let order = match a.get(2) {
                Some(o) => crate::objects::getargs::int_arg(vm, o)?,
                None => 0,
            };
            (order, flag_param(vm, a.get(3), false)?)
        }
    };
    let (points, read) = utf16::decode(vm, &a[0], &data, &errors, width, &mut order, final_)?;
    let mut items = vec![new_from_code_points(vm, &points), vm.new_int(read as i64)];
    if byteorder.is_none() {
        items.push(vm.new_int(i64::from(order)));
    }
    Ok(vm.new_tuple(items))
}

type EscapeDecoder = fn(&Vm, &Object, &[u8], &str, bool) -> PyResult<(Vec<u32>, usize)>;

fn escape_decode(vm: &Vm, args: Args, fname: &str, decoder: EscapeDecoder) -> PyResult {
    let a = positional(vm, fname, args, 1, 3)?;
    let data = text_or_buffer(vm, &a[0])?;
    let errors = errors_param(vm, fname, a.get(1))?;
    let final_ = flag_param(vm, a.get(2), true)?;
    let (points, read) = decoder(vm, &a[0], &data, &errors, final_)?;
    Ok(decoded(vm, &points, read))
}
