//! `bytes` (Objects/bytesobject.c): immutable sequences of bytes, and
//! what bytes and bytearray share as types: being "bytes-like", the
//! constructor's forms, comparison, concatenation, repetition,
//! containment, indexing and `%`. Their common methods are in
//! `bytes_methods.rs`, bytearray's own in `bytearray.rs`.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytearray::ByteArrayObject;
use crate::objects::getargs::{bind, str_arg};
use crate::objects::int::index_value;
use crate::objects::sequence::resolve_index;
use crate::objects::slice::SliceObject;
use crate::objects::str::StrObject;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::borrow::Cow;

#[derive(krait_derive::Traverse)]
pub struct BytesObject {
    pub bytes: Box<[u8]>,
}

pub fn new_bytes(vm: &Vm, bytes: Vec<u8>) -> Object {
    object::alloc(
        &vm.types.bytes,
        BytesObject {
            bytes: bytes.into_boxed_slice(),
        },
    )
}

/// The bytes of a bytes-like object (bytes, bytearray, memoryview or
/// array.array), copied.
pub fn bytes_like(o: &Object) -> Option<Vec<u8>> {
    bytes_view(o).map(Cow::into_owned)
}

/// The bytes of a bytes-like object, borrowed where they cannot change.
pub fn bytes_view(o: &Object) -> Option<Cow<'_, [u8]>> {
    if let Some(b) = o.payload::<BytesObject>() {
        return Some(Cow::Borrowed(&b.bytes));
    }
    if let Some(b) = o.payload::<ByteArrayObject>() {
        return Some(Cow::Owned(b.bytes.borrow().clone()));
    }
    crate::objects::memoryview::memoryview_bytes(o)
        .or_else(|| crate::modules::array::array_bytes(o))
        .map(Cow::Owned)
}

/// Which of the two bytes types an operation works for: its results are
/// of that type, its messages name it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    /// The kind of a bytes or bytearray object.
    pub fn of(o: &Object) -> Kind {
        if o.payload::<ByteArrayObject>().is_some() {
            Kind::ByteArray
        } else {
            Kind::Bytes
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
        }
    }

    /// A new exact object of this kind.
    pub fn make(self, vm: &Vm, bytes: Vec<u8>) -> Object {
        match self {
            Kind::Bytes => new_bytes(vm, bytes),
            Kind::ByteArray => crate::objects::bytearray::new_bytearray(vm, bytes),
        }
    }
}

/// A bytes-like argument, with `a bytes-like object is required, not
/// 'str'` otherwise.
pub fn buffer_arg<'a>(vm: &Vm, o: &'a Object) -> PyResult<Cow<'a, [u8]>> {
    bytes_view(o).ok_or_else(|| {
        vm.new_type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(o)
        ))
    })
}

/// `repr(bytes)`: `b'...'`, single quotes unless the bytes hold a single
/// quote and no double one.
pub fn bytes_repr(bytes: &[u8]) -> String {
    quoted_bytes(bytes, false)
}

/// The `b'...'` of a bytes or bytearray repr; bytearray's escapes every
/// single quote, even between double quotes, as CPython's does.
pub fn quoted_bytes(bytes: &[u8], always_escape_single: bool) -> String {
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
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if b == quote as u8 || (always_escape_single && b == b'\'') => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

fn payload(o: &Object) -> &BytesObject {
    o.payload::<BytesObject>().expect("a bytes")
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.bytes);
    tp.slots
        .repr
        .set(Some(|vm, b| Ok(vm.new_str(&bytes_repr(&payload(b).bytes)))));
    tp.slots.str.set(tp.slots.repr.get());
    tp.slots.length.set(Some(|_, b| Ok(payload(b).bytes.len())));
    tp.slots.hash.set(Some(|vm, b| {
        Ok(crate::objects::hash::hash_bytes(vm, &payload(b).bytes))
    }));
    tp.slots.richcompare.set(Some(richcompare));
    tp.slots.nb_add.set(Some(concat));
    tp.slots.sq_concat.set(Some(concat));
    tp.slots.nb_multiply.set(Some(repeat));
    tp.slots.nb_remainder.set(Some(remainder));
    tp.slots.sq_contains.set(Some(contains));
    tp.slots.getitem.set(Some(getitem));
    tp.slots.iter.set(Some(|vm, b| {
        Ok(crate::objects::iter::new_seq_iterator(
            vm,
            &vm.types.bytes_iterator,
            b,
        ))
    }));
    tp.slots.new.set(Some(bytes_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.bytes);
    for ty in [&vm.types.bytes_iterator, &vm.types.bytearray_iterator] {
        let tp = type_payload(ty);
        tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
        tp.slots.iternext.set(Some(iterator_next));
        crate::slots::add_slot_wrappers(vm, ty);
    }
    crate::objects::bytes_methods::init(vm, &vm.types.bytes);
    crate::objects::function::add_methods(
        vm,
        &vm.types.bytes,
        &[("__getnewargs__", |vm, args| {
            crate::objects::str_methods::arity_of(vm, "bytes", "__getnewargs__", args, 0, 0)?;
            let b = payload(&args.values[0]).bytes.to_vec();
            Ok(vm.new_tuple(vec![new_bytes(vm, b)]))
        })],
    );
}

/// The next int of a bytes or bytearray iterator; a bytearray that
/// shrinks ends it.
fn iterator_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let state = it
        .payload::<crate::objects::iter::SeqIterator>()
        .expect("a bytes iterator");
    let Some(seq) = state.seq.borrow().clone() else {
        return Ok(None);
    };
    let index = state.index.get();
    let byte = match seq.payload::<BytesObject>() {
        Some(b) => b.bytes.get(index).copied(),
        None => seq
            .payload::<ByteArrayObject>()
            .and_then(|b| b.bytes.borrow().get(index).copied()),
    };
    match byte {
        Some(b) => {
            state.index.set(index + 1);
            Ok(Some(vm.new_int(i64::from(b))))
        }
        None => {
            *state.seq.borrow_mut() = None;
            Ok(None)
        }
    }
}

/// Comparison of bytes-like objects, byte by byte (`bytes_richcompare`).
pub fn richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (bytes_view(a), bytes_view(b)) else {
        return Ok(vm.not_implemented.clone());
    };
    Ok(vm.new_bool(op.test(x.cmp(&y))))
}

/// `a + b`, of `a`'s kind.
pub fn concat(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let Some(x) = bytes_view(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(y) = bytes_view(b) else {
        return Err(vm.new_type_error(format!(
            "can't concat {} to {}",
            vm.type_name(b),
            vm.type_name(a)
        )));
    };
    let mut out = Vec::with_capacity(x.len() + y.len());
    out.extend_from_slice(&x);
    out.extend_from_slice(&y);
    Ok(Kind::of(a).make(vm, out))
}

/// `b * n` and `n * b`, of the bytes operand's kind.
pub fn repeat(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (data, seq, count) = match (bytes_view(a), bytes_view(b)) {
        (Some(d), _) => (d, a, b),
        (None, Some(d)) => (d, b, a),
        _ => return Ok(vm.not_implemented.clone()),
    };
    let n = crate::objects::str::repeat_count(vm, count)?;
    crate::objects::str::check_repeat_size(vm, data.len(), n)?;
    Ok(Kind::of(seq).make(vm, data.repeat(n)))
}

/// `b % args`.
pub fn remainder(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let Some(format) = bytes_view(a) else {
        return Ok(vm.not_implemented.clone());
    };
    let points: Vec<u32> = format.iter().map(|&c| u32::from(c)).collect();
    let out =
        crate::objects::printf::format(vm, crate::objects::printf::Target::Bytes, &points, b)?;
    Ok(Kind::of(a).make(vm, out.into_iter().map(|c| c as u8).collect()))
}

/// A byte value: an integer in range(256).
pub fn byte_value(vm: &Vm, o: &Object) -> PyResult<u8> {
    let v = crate::objects::getargs::index_arg(vm, o).map_err(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            vm.new_value_error("byte must be in range(0, 256)")
        } else {
            e
        }
    })?;
    u8::try_from(v).map_err(|_| vm.new_value_error("byte must be in range(0, 256)"))
}

/// `x in b`: a byte value or a bytes-like substring.
pub fn contains(vm: &Vm, container: &Object, item: &Object) -> PyResult<bool> {
    let data = bytes_view(container).unwrap_or_default();
    if let Some(needle) = bytes_view(item) {
        return Ok(crate::objects::stringlib::find(&data, &needle, 0, data.len()).is_some());
    }
    if crate::objects::int::int_value(item).is_some()
        || vm.type_payload_of(item).slots.nb_index.get().is_some()
    {
        let byte = byte_value(vm, item)?;
        return Ok(data.contains(&byte));
    }
    Err(vm.new_type_error(format!(
        "a bytes-like object is required, not '{}'",
        vm.type_name(item)
    )))
}

/// `b[i]` and `b[slice]` for both kinds.
pub fn getitem(vm: &Vm, o: &Object, key: &Object) -> PyResult {
    let kind = Kind::of(o);
    let data = bytes_view(o).unwrap_or_default();
    if let Some(slice) = key.payload::<SliceObject>() {
        let picked: Vec<u8> = slice.indices(vm, data.len())?.map(|i| data[i]).collect();
        return Ok(kind.make(vm, picked));
    }
    match index_value(vm, key)? {
        Some(i) => match resolve_index(i, data.len()) {
            Some(i) => Ok(vm.new_int(i64::from(data[i]))),
            None => Err(vm.new_index_error(match kind {
                Kind::Bytes => "index out of range",
                Kind::ByteArray => "bytearray index out of range",
            })),
        },
        None => Err(vm.new_type_error(format!(
            "{} indices must be integers or slices, not {}",
            match kind {
                Kind::Bytes => "byte",
                Kind::ByteArray => "bytearray",
            },
            vm.type_name(key)
        ))),
    }
}

/// The bytes the constructors make of their arguments: `(source,
/// encoding, errors)` as `bytes()` and `bytearray()` take them.
pub fn bytes_from_source(
    vm: &Vm,
    kind: Kind,
    source: Option<&Object>,
    encoding: Option<&Object>,
    errors: Option<&Object>,
) -> PyResult<Vec<u8>> {
    let fname = kind.name();
    let Some(source) = source else {
        if encoding.is_some() {
            return Err(vm.new_type_error("encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(vm.new_type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if source.payload::<StrObject>().is_some() {
        let Some(encoding) = encoding else {
            return Err(vm.new_type_error("string argument without an encoding"));
        };
        let encoding = str_arg(vm, fname, "encoding", encoding)?;
        let errors = match errors {
            Some(e) => str_arg(vm, fname, "errors", e)?,
            None => "strict".to_string(),
        };
        let encoded = crate::objects::str_methods::encode_str(vm, source, &encoding, &errors)?;
        return Ok(payload(&encoded).bytes.to_vec());
    }
    if encoding.is_some() {
        return Err(vm.new_type_error("encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.new_type_error("errors without a string argument"));
    }
    if kind == Kind::Bytes {
        if let Some(method) = vm.lookup_special(source, &vm.names.__bytes__)? {
            let r = vm.call(&method, Args::positional_only(&[]))?;
            return match r.payload::<BytesObject>() {
                Some(b) => Ok(b.bytes.to_vec()),
                None => Err(vm.new_type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    if let Some(b) = bytes_like(source) {
        return Ok(b);
    }
    if let Some(n) = index_value(vm, source).map_err(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            vm.new_overflow_error("cannot fit 'int' into an index-sized integer")
        } else {
            e
        }
    })? {
        if n < 0 {
            return Err(vm.new_value_error("negative count"));
        }
        crate::objects::str::check_repeat_size(vm, 1, n as usize)?;
        return Ok(vec![0; n as usize]);
    }
    let tp = vm.type_payload_of(source);
    if tp.slots.iter.get().is_none() && tp.slots.getitem.get().is_none() {
        return Err(vm.new_type_error(format!(
            "cannot convert '{}' object to {fname}",
            vm.type_name(source)
        )));
    }
    let items = vm.collect_iterable(source)?;
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        let v = crate::objects::getargs::index_arg(vm, item)?;
        match u8::try_from(v) {
            Ok(b) => out.push(b),
            Err(_) => {
                return Err(vm.new_value_error(match kind {
                    Kind::Bytes => "bytes must be in range(0, 256)",
                    Kind::ByteArray => "byte must be in range(0, 256)",
                }))
            }
        }
    }
    Ok(out)
}

fn bytes_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = bind(
        vm,
        "bytes",
        args,
        false,
        &["source", "encoding", "errors"],
        0,
    )?;
    let bytes = bytes_from_source(
        vm,
        Kind::Bytes,
        bound[0].as_ref(),
        bound[1].as_ref(),
        bound[2].as_ref(),
    )?;
    if ty.is(&vm.types.bytes) {
        if let (Some(source), true) = (&bound[0], bound[1].is_none()) {
            if vm.type_of(source).is(&vm.types.bytes) {
                return Ok(source.clone());
            }
        }
        return Ok(new_bytes(vm, bytes));
    }
    Ok(object::alloc(
        ty,
        BytesObject {
            bytes: bytes.into_boxed_slice(),
        },
    ))
}
