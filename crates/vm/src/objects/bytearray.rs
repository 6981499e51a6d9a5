//! `bytearray` (Objects/bytearrayobject.c): a mutable sequence of bytes.
//!
//! The bytes sit in a `RefCell<Vec<u8>>`. No borrow is held across a call
//! into Python (an `__index__`, an iterator), which could reach the same
//! bytearray: values are gathered first, then the vector is changed.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::{
    byte_value, bytes_from_source, bytes_like, bytes_view, quoted_bytes, Kind,
};
use crate::objects::getargs::bind;
use crate::objects::int::index_value;
use crate::objects::sequence::resolve_index;
use crate::objects::slice::SliceObject;
use crate::objects::str_methods::arity_of;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::RefCell;

#[derive(krait_derive::Traverse, Default)]
pub struct ByteArrayObject {
    pub bytes: RefCell<Vec<u8>>,
}

pub fn new_bytearray(vm: &Vm, bytes: Vec<u8>) -> Object {
    object::alloc(
        &vm.types.bytearray,
        ByteArrayObject {
            bytes: RefCell::new(bytes),
        },
    )
}

fn payload(o: &Object) -> &ByteArrayObject {
    o.payload::<ByteArrayObject>().expect("a bytearray")
}

/// Replaces the contents; the old vector is dropped after the borrow.
fn replace_contents(o: &Object, bytes: Vec<u8>) {
    let old = std::mem::replace(&mut *payload(o).bytes.borrow_mut(), bytes);
    drop(old);
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.bytearray);
    tp.slots.repr.set(Some(|vm, o| {
        let name = vm.type_name(o);
        let bytes = payload(o).bytes.borrow().clone();
        Ok(vm.new_str(&format!("{name}({})", quoted_bytes(&bytes, true))))
    }));
    tp.slots.str.set(tp.slots.repr.get());
    tp.slots
        .length
        .set(Some(|_, o| Ok(payload(o).bytes.borrow().len())));
    tp.slots
        .hash
        .set(Some(crate::objects::object::hash_not_implemented));
    tp.slots
        .richcompare
        .set(Some(crate::objects::bytes::richcompare));
    tp.slots.nb_add.set(Some(crate::objects::bytes::concat));
    tp.slots.sq_concat.set(Some(crate::objects::bytes::concat));
    tp.slots
        .nb_multiply
        .set(Some(crate::objects::bytes::repeat));
    tp.slots
        .nb_remainder
        .set(Some(crate::objects::bytes::remainder));
    tp.slots.nb_inplace_add.set(Some(|vm, a, b| {
        let Some(extra) = bytes_like(b) else {
            return Err(vm.new_type_error(format!(
                "can't concat {} to {}",
                vm.type_name(b),
                vm.type_name(a)
            )));
        };
        payload(a).bytes.borrow_mut().extend_from_slice(&extra);
        Ok(a.clone())
    }));
    tp.slots.nb_inplace_multiply.set(Some(|vm, a, b| {
        let n = crate::objects::str::repeat_count(vm, b)?;
        let data = payload(a).bytes.borrow().clone();
        crate::objects::str::check_repeat_size(vm, data.len(), n)?;
        replace_contents(a, data.repeat(n));
        Ok(a.clone())
    }));
    tp.slots
        .sq_contains
        .set(Some(crate::objects::bytes::contains));
    tp.slots.getitem.set(Some(crate::objects::bytes::getitem));
    tp.slots.setitem.set(Some(setitem));
    tp.slots.iter.set(Some(|vm, o| {
        Ok(crate::objects::iter::new_seq_iterator(
            vm,
            &vm.types.bytearray_iterator,
            o,
        ))
    }));
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(object::alloc(ty, ByteArrayObject::default()))
    }));
    tp.slots.init.set(Some(|vm, o, args| {
        let bound = bind(
            vm,
            "bytearray",
            args,
            false,
            &["source", "encoding", "errors"],
            0,
        )?;
        let bytes = bytes_from_source(
            vm,
            Kind::ByteArray,
            bound[0].as_ref(),
            bound[1].as_ref(),
            bound[2].as_ref(),
        )?;
        replace_contents(o, bytes);
        Ok(())
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.bytearray);
    type_payload(&vm.types.bytearray)
        .dict
        .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
    crate::objects::bytes_methods::init(vm, &vm.types.bytearray);
    crate::objects::function::add_methods(
        vm,
        &vm.types.bytearray,
        &[
            ("__reduce__", |vm, args| {
                arity(vm, "__reduce__", args, 0, 0)?;
                bytearray_reduce(vm, &args.values[0], 2)
            }),
            ("__reduce_ex__", |vm, args| {
                arity(vm, "__reduce_ex__", args, 0, 1)?;
                let protocol = match args.values.get(1) {
                    Some(p) => crate::objects::getargs::int_arg(vm, p)?,
                    None => 0,
                };
                bytearray_reduce(vm, &args.values[0], protocol)
            }),
            ("append", |vm, args| {
                arity(vm, "append", args, 1, 1)?;
                let b = byte_value(vm, &args.values[1])?;
                payload(&args.values[0]).bytes.borrow_mut().push(b);
                Ok(vm.none.clone())
            }),
            ("extend", bytearray_extend),
            ("pop", bytearray_pop),
            ("insert", bytearray_insert),
            ("remove", |vm, args| {
                arity(vm, "remove", args, 1, 1)?;
                let b = byte_value(vm, &args.values[1])?;
                let mut bytes = payload(&args.values[0]).bytes.borrow_mut();
                match bytes.iter().position(|&x| x == b) {
                    Some(i) => {
                        bytes.remove(i);
                        Ok(vm.none.clone())
                    }
                    None => Err(vm.new_value_error("value not found in bytearray")),
                }
            }),
            ("clear", |vm, args| {
                arity(vm, "clear", args, 0, 0)?;
                replace_contents(&args.values[0], Vec::new());
                Ok(vm.none.clone())
            }),
            ("copy", |vm, args| {
                arity(vm, "copy", args, 0, 0)?;
                let bytes = payload(&args.values[0]).bytes.borrow().clone();
                Ok(new_bytearray(vm, bytes))
            }),
            ("reverse", |vm, args| {
                arity(vm, "reverse", args, 0, 0)?;
                payload(&args.values[0]).bytes.borrow_mut().reverse();
                Ok(vm.none.clone())
            }),
            ("__alloc__", |vm, args| {
                arity(vm, "__alloc__", args, 0, 0)?;
                let bytes = payload(&args.values[0]).bytes.borrow();
                Ok(vm.new_int(bytes.capacity().max(bytes.len() + 1) as i64))
            }),
        ],
    );
}

fn arity(vm: &Vm, name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    arity_of(vm, "bytearray", name, args, min, max)
}

/// `extend(iterable_of_ints)`: a bytes-like object, or any iterable of
/// byte values.
fn bytearray_extend(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "extend", args, 1, 1)?;
    let source = &args.values[1];
    let extra = match bytes_like(source) {
        Some(b) => b,
        None => {
            let tp = vm.type_payload_of(source);
            if tp.slots.iter.get().is_none() && tp.slots.getitem.get().is_none() {
                return Err(vm.new_type_error(format!(
                    "can't extend bytearray with {}",
                    vm.type_name(source)
                )));
            }
            let items = vm.collect_iterable(source)?;
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(byte_value(vm, item)?);
            }
            out
        }
    };
    payload(&args.values[0])
        .bytes
        .borrow_mut()
        .extend_from_slice(&extra);
    Ok(vm.none.clone())
}

fn bytearray_pop(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "pop", args, 0, 1)?;
    let index = match args.values.get(1) {
        Some(i) => crate::objects::getargs::ssize_arg(vm, i)?,
        None => -1,
    };
    let mut bytes = payload(&args.values[0]).bytes.borrow_mut();
    if bytes.is_empty() {
        return Err(vm.new_index_error("pop from empty bytearray"));
    }
    let Some(i) = resolve_index(index, bytes.len()) else {
        return Err(vm.new_index_error("pop index out of range"));
    };
    Ok(vm.new_int(i64::from(bytes.remove(i))))
}

fn bytearray_insert(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "insert", args, 2, 2)?;
    let index = crate::objects::getargs::ssize_arg(vm, &args.values[1])?;
    let b = byte_value(vm, &args.values[2])?;
    let mut bytes = payload(&args.values[0]).bytes.borrow_mut();
    let len = bytes.len() as i64;
    let i = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    bytes.insert(i as usize, b);
    Ok(vm.none.clone())
}

/// `b[key] = value` and `del b[key]`.
fn setitem(vm: &Vm, o: &Object, key: &Object, value: Option<&Object>) -> PyResult<()> {
    let ba = payload(o);
    if let Some(slice) = key.payload::<SliceObject>() {
        let new: Option<Vec<u8>> = match value {
            None => None,
            Some(v) => Some(assigned_bytes(vm, v)?),
        };
        let len = ba.bytes.borrow().len();
        let (start, stop, step) = slice.resolve(vm, len)?;
        let indices: Vec<usize> = slice.indices(vm, len)?.collect();
        let mut bytes = ba.bytes.borrow_mut();
        match new {
            None => {
                let mut keep = vec![true; bytes.len()];
                for i in indices {
                    keep[i] = false;
                }
                let mut it = keep.into_iter();
                bytes.retain(|_| it.next().unwrap_or(true));
            }
            Some(new) if step == 1 => {
                let stop = stop.max(start);
                bytes.splice(start as usize..stop as usize, new);
            }
            Some(new) => {
                if new.len() != indices.len() {
                    return Err(vm.new_value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {}",
                        new.len(),
                        indices.len()
                    )));
                }
                for (i, b) in indices.into_iter().zip(new) {
                    bytes[i] = b;
                }
            }
        }
        return Ok(());
    }
    let Some(i) = index_value(vm, key)? else {
        return Err(vm.new_type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    };
    let byte = match value {
        Some(v) => Some(byte_value(vm, v)?),
        None => None,
    };
    let mut bytes = ba.bytes.borrow_mut();
    let Some(i) = resolve_index(i, bytes.len()) else {
        return Err(vm.new_index_error("bytearray index out of range"));
    };
    match byte {
        Some(b) => bytes[i] = b,
        None => {
            bytes.remove(i);
        }
    }
    Ok(())
}

/// What a slice of a bytearray may be given: a bytes-like object or an
/// iterable of byte values, but not an int or a str.
fn assigned_bytes(vm: &Vm, v: &Object) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_view(v) {
        return Ok(b.into_owned());
    }
    if v.payload::<crate::objects::str::StrObject>().is_some()
        || crate::objects::int::int_value(v).is_some()
    {
        return Err(vm.new_type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        ));
    }
    let tp = vm.type_payload_of(v);
    if tp.slots.iter.get().is_none() && tp.slots.getitem.get().is_none() {
        return Err(vm.new_type_error(format!(
            "cannot convert '{}' object to bytearray",
            vm.type_name(v)
        )));
    }
    let items = vm.collect_iterable(v)?;
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        out.push(byte_value(vm, item)?);
    }
    Ok(out)
}

/// The reduction of a bytearray: for protocols before 3 its bytes as a
/// latin-1 str (which Python 2 could read), then as bytes.
fn bytearray_reduce(vm: &Vm, this: &Object, protocol: i32) -> PyResult {
    let bytes = payload(this).bytes.borrow().clone();
    let state = crate::objects::reduce::object_getstate(vm, this, false)?;
    let args = if protocol < 3 {
        let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
        vm.new_tuple(vec![vm.new_str(&latin1), vm.new_str("latin-1")])
    } else if bytes.is_empty() {
        vm.empty_tuple.clone()
    } else {
        vm.new_tuple(vec![crate::objects::bytes::new_bytes(vm, bytes)])
    };
    Ok(vm.new_tuple(vec![vm.type_of(this).clone(), args, state]))
}
