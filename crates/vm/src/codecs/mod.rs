//! The codec registry (Python/codecs.c): the search functions codecs are
//! found by (`codecs.register`, normally `encodings.search_function`),
//! the cache of what they found, and encoding and decoding through
//! whatever codec a name stands for. The codecs themselves are in
//! `objects::codecs` (UTF-8, UTF-16, charmap...) and in Lib/encodings;
//! [`errors`] holds the error handlers.
//!
//! As in CPython, the registry imports `encodings` the first time a
//! name is looked up; that package registers its search function.

pub mod errors;

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::dict::dict_of;
use crate::objects::list::ListObject;
use crate::objects::str::StrObject;
use crate::objects::tuple::TupleObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::Cell;

/// The registry's state in an interpreter (`interp->codec_search_path`,
/// `codec_search_cache`, `codec_error_registry`).
pub struct CodecRegistry {
    /// The search functions, a list, in the order they were registered.
    pub search_path: Object,
    /// What the search functions found, by normalized name (a dict).
    pub search_cache: Object,
    /// The error handlers by name (a dict).
    pub error_registry: Object,
    /// Whether `encodings` has been imported for the registry.
    encodings_imported: Cell<bool>,
}

/// The interpreter's registry, made with the standard error handlers
/// the first time it is needed.
pub fn registry(vm: &Vm) -> &CodecRegistry {
    vm.codecs.get_or_init(|| {
        let error_registry = vm.new_dict();
        errors::register_standard(vm, &error_registry);
        CodecRegistry {
            search_path: vm.new_list(Vec::new()),
            search_cache: vm.new_dict(),
            error_registry,
            encodings_imported: Cell::new(false),
        }
    })
}

/// Adds a search function (`PyCodec_Register`).
pub fn register(vm: &Vm, search_function: &Object) -> PyResult<()> {
    if !vm.is_callable(search_function) {
        return Err(vm.new_type_error("argument must be callable"));
    }
    search_list(vm)
        .items
        .borrow_mut()
        .push(search_function.clone());
    Ok(())
}

/// Removes a search function and forgets what was found
/// (`PyCodec_Unregister`).
pub fn unregister(vm: &Vm, search_function: &Object) -> PyResult<()> {
    let removed = {
        let mut items = search_list(vm).items.borrow_mut();
        let index = items.iter().position(|f| f.is(search_function));
        index.map(|i| items.remove(i))
    };
    if removed.is_some() {
        dict_of(&registry(vm).search_cache).clear();
    }
    Ok(())
}

fn search_list(vm: &Vm) -> &ListObject {
    registry(vm)
        .search_path
        .payload::<ListObject>()
        .expect("the search path is a list")
}

/// An encoding's name as the registry keys it: lower case, each run of
/// characters other than ASCII letters, digits and dots made one
/// underscore, none at either end (`_Py_normalize_encoding`).
pub fn normalize_encoding(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punctuation = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punctuation && !out.is_empty() {
                out.push('_');
            }
            punctuation = false;
            out.push(c.to_ascii_lowercase());
        } else {
            punctuation = true;
        }
    }
    out
}

/// The CodecInfo for `encoding`, a str (`_PyCodec_Lookup`): from the
/// cache, else from the first search function that knows it.
pub fn lookup(vm: &Vm, encoding: &Object) -> PyResult {
    let Some(text) = encoding.payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "lookup() argument must be str, not {}",
            crate::objects::getargs::clinic_type_name(vm, encoding)
        )));
    };
    let name = text.to_str().ok_or_else(|| {
        crate::objects::codecs::encode(
            vm,
            encoding,
            &text.wide(),
            crate::objects::codecs::Codec::Utf8,
            "strict",
        )
        .err()
        .unwrap_or_else(|| vm.new_value_error("surrogates not allowed"))
    })?;
    if name.contains('\0') {
        return Err(vm.new_value_error("embedded null character"));
    }
    let state = registry(vm);
    if !state.encodings_imported.replace(true) {
        crate::import::import_module(vm, "encodings")?;
    }
    let key = vm.new_str(&normalize_encoding(&name));
    if let Some(found) = dict_of(&state.search_cache).get(vm, &key)? {
        return Ok(found);
    }
    let functions = search_list(vm).items.borrow().clone();
    if functions.is_empty() {
        return Err(vm.new_exception(
            &vm.exceptions.lookup_error,
            "no codec search functions registered: can't find encoding",
        ));
    }
    for function in functions {
        let found = vm.call(&function, Args::positional_only(std::slice::from_ref(&key)))?;
        if vm.is_none(&found) {
            continue;
        }
        if found.payload::<TupleObject>().map(|t| t.items().len()) != Some(4) {
            return Err(vm.new_type_error("codec search functions must return 4-tuples"));
        }
        dict_of(&state.search_cache).set(vm, key, found.clone())?;
        return Ok(found);
    }
    Err(vm.new_exception(
        &vm.exceptions.lookup_error,
        format!("unknown encoding: {name}"),
    ))
}

/// Item `index` of a CodecInfo: 0 the encoder, 1 the decoder.
fn codec_function(info: &Object, index: usize) -> Object {
    info.payload::<TupleObject>().expect("a 4-tuple").items()[index].clone()
}

/// Whether the operation is encoding or decoding, for the messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Encode,
    Decode,
}

impl Direction {
    fn index(self) -> usize {
        match self {
            Direction::Encode => 0,
            Direction::Decode => 1,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Direction::Encode => "encoding",
            Direction::Decode => "decoding",
        }
    }
}

/// `codecs.encode(object, encoding, errors)` and `codecs.decode`: the
/// codec's function called, its result's first item
/// (`_PyCodec_EncodeInternal`).
pub fn transcode(
    vm: &Vm,
    object: &Object,
    encoding: &Object,
    errors: Option<&Object>,
    direction: Direction,
) -> PyResult {
    let info = lookup(vm, encoding)?;
    call_codec(
        vm,
        &codec_function(&info, direction.index()),
        object,
        encoding,
        errors,
        direction,
    )
}

fn call_codec(
    vm: &Vm,
    function: &Object,
    object: &Object,
    encoding: &Object,
    errors: Option<&Object>,
    direction: Direction,
) -> PyResult {
    let mut args = vec![object.clone()];
    args.extend(errors.cloned());
    let result = vm
        .call(function, Args::positional_only(&args))
        .map_err(|e| wrap_codec_error(vm, e, direction, encoding))?;
    match result.payload::<TupleObject>() {
        Some(t) if t.items().len() == 2 => Ok(t.items()[0].clone()),
        _ => Err(vm.new_type_error(match direction {
            Direction::Encode => "encoder must return a tuple (object, integer)",
            Direction::Decode => "decoder must return a tuple (object,integer)",
        })),
    }
}

/// `str.encode` and `bytes.decode` for an encoding not built in: the
/// codec must be a text encoding, and its result bytes, or str
/// (`_PyCodec_EncodeText`, `PyUnicode_AsEncodedString`).
pub fn transcode_text(
    vm: &Vm,
    object: &Object,
    encoding: &str,
    errors: &str,
    direction: Direction,
) -> PyResult {
    let name = vm.new_str(encoding);
    let info = lookup(vm, &name)?;
    if let Some(flag) = vm.getattr_opt(&info, &vm.intern("_is_text_encoding"))? {
        if !vm.is_true(&flag)? {
            return Err(vm.new_exception(
                &vm.exceptions.lookup_error,
                format!(
                    "'{encoding}' is not a text encoding; use codecs.{}() to handle arbitrary codecs",
                    match direction {
                        Direction::Encode => "encode",
                        Direction::Decode => "decode",
                    }
                ),
            ));
        }
    }
    let errors = vm.new_str(errors);
    let result = call_codec(
        vm,
        &codec_function(&info, direction.index()),
        object,
        &name,
        Some(&errors),
        direction,
    )?;
    match direction {
        Direction::Encode => {
            if result
                .payload::<crate::objects::bytes::BytesObject>()
                .is_some()
            {
                return Ok(result);
            }
            if result
                .payload::<crate::objects::bytearray::ByteArrayObject>()
                .is_some()
            {
                let bytes = crate::objects::bytes::bytes_like(&result).unwrap_or_default();
                return Ok(crate::objects::bytes::new_bytes(vm, bytes));
            }
            Err(vm.new_type_error(format!(
                "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                vm.type_name(&result)
            )))
        }
        Direction::Decode => {
            if result.payload::<StrObject>().is_some() {
                return Ok(result);
            }
            Err(vm.new_type_error(format!(
                "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                vm.type_name(&result)
            )))
        }
    }
}

/// An exception from a codec, said again with the operation and the
/// codec's name when that loses nothing: its type keeps no state beyond
/// its arguments, a message or nothing, and it has no attributes
/// (`_PyErr_TrySetFromCause`). The original becomes the cause.
fn wrap_codec_error(vm: &Vm, error: PyErr, direction: Direction, encoding: &Object) -> PyErr {
    let exc = error.exception().clone();
    let ty = vm.type_of(&exc).clone();
    if !crate::exceptions::has_plain_state(vm, &ty) {
        return error;
    }
    let args = crate::exceptions::args_of(&exc);
    let simple_args = match args.payload::<TupleObject>().expect("a tuple").items() {
        [] => true,
        [message] => vm.type_of(message).is(&vm.types.str),
        _ => false,
    };
    let has_attributes = vm
        .getattr_opt(&exc, &vm.names.__dict__)
        .ok()
        .flatten()
        .is_some_and(|d| {
            d.payload::<crate::objects::dict::DictObject>()
                .is_some_and(|d| !d.dict.is_empty())
        });
    if !simple_args || has_attributes {
        return error;
    }
    let text = match vm.str(&exc) {
        Ok(s) => crate::objects::str::as_rust_str(&s).into_owned(),
        Err(_) => return error,
    };
    let message = format!(
        "{} with '{}' codec failed ({}: {text})",
        direction.noun(),
        crate::objects::str::as_rust_str(encoding),
        crate::object::type_payload(&ty).name()
    );
    let wrapped = vm.new_exception(&ty, message);
    crate::exceptions::chain_from_cause(&wrapped, error);
    wrapped
}
