//! Iterators over sequences (Objects/iterobject.c, and the list, tuple,
//! str and dict iterators of their files): one layout, an object and a
//! position, with a `next` per type.

use crate::object::{self, type_payload, Object};
use crate::objects::dict::DictObject;
use crate::objects::list::ListObject;
use crate::objects::str::StrObject;
use crate::objects::tuple::tuple_items;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

pub struct SeqIterator {
    /// What is iterated; None once exhausted, so a list that grows later
    /// is not picked up again.
    pub seq: RefCell<Option<Object>>,
    pub index: Cell<usize>,
    /// For a dict: its size when iteration started.
    pub expected_len: Cell<usize>,
}

pub fn new_seq_iterator(vm: &Vm, ty: &Object, seq: &Object) -> Object {
    let _ = vm;
    object::alloc(
        ty,
        SeqIterator {
            seq: RefCell::new(Some(seq.clone())),
            index: Cell::new(0),
            expected_len: Cell::new(0),
        },
    )
}

pub fn new_dict_key_iterator(vm: &Vm, d: &Object) -> Object {
    let it = new_seq_iterator(vm, &vm.types.dict_keyiterator, d);
    let len = d.payload::<DictObject>().map_or(0, |d| d.dict.len());
    if let Some(s) = it.payload::<SeqIterator>() {
        s.expected_len.set(len);
    }
    it
}

fn state(it: &Object) -> &SeqIterator {
    it.payload::<SeqIterator>().expect("a sequence iterator")
}

/// Steps the iterator with `item_at(seq, index)`.
fn step(it: &Object, item_at: impl FnOnce(&Object, usize) -> Option<Object>) -> Option<Object> {
    let s = state(it);
    let seq = s.seq.borrow().clone()?;
    let index = s.index.get();
    match item_at(&seq, index) {
        Some(item) => {
            s.index.set(index + 1);
            Some(item)
        }
        None => {
            *s.seq.borrow_mut() = None;
            None
        }
    }
}

/// The next item of a list iterator (used by FOR_ITER's fast path).
#[inline]
pub fn list_iterator_next(it: &Object) -> Option<Object> {
    step(it, |seq, i| {
        seq.payload::<ListObject>().and_then(|l| l.get(i))
    })
}

pub(crate) fn init(vm: &Vm) {
    for ty in [
        &vm.types.iterator,
        &vm.types.list_iterator,
        &vm.types.tuple_iterator,
        &vm.types.str_iterator,
        &vm.types.dict_keyiterator,
    ] {
        type_payload(ty)
            .slots
            .iter
            .set(Some(|_, it| Ok(it.clone())));
    }
    type_payload(&vm.types.list_iterator)
        .slots
        .iternext
        .set(Some(|_, it| Ok(list_iterator_next(it))));
    type_payload(&vm.types.tuple_iterator)
        .slots
        .iternext
        .set(Some(|_, it| {
            Ok(step(it, |seq, i| {
                tuple_items(seq).and_then(|t| t.get(i).cloned())
            }))
        }));
    type_payload(&vm.types.str_iterator)
        .slots
        .iternext
        .set(Some(|vm, it| {
            Ok(step(it, |seq, i| {
                let s = seq.payload::<StrObject>()?;
                (i < s.len())
                    .then(|| crate::objects::str::new_from_code_points(vm, &[s.code_point(i)]))
            }))
        }));
    type_payload(&vm.types.dict_keyiterator)
        .slots
        .iternext
        .set(Some(|vm, it| {
            let s = state(it);
            let Some(seq) = s.seq.borrow().clone() else {
                return Ok(None);
            };
            let dict = &seq.payload::<DictObject>().expect("a dict").dict;
            if dict.len() != s.expected_len.get() {
                s.expected_len.set(usize::MAX);
                return Err(vm.new_runtime_error("dictionary changed size during iteration"));
            }
            match dict.next_entry(s.index.get()) {
                Some((next, key, _)) => {
                    s.index.set(next);
                    Ok(Some(key))
                }
                None => {
                    *s.seq.borrow_mut() = None;
                    Ok(None)
                }
            }
        }));
    // The iterator of any object with __getitem__ (`PySeqIter_Type`).
    type_payload(&vm.types.iterator)
        .slots
        .iternext
        .set(Some(|vm, it| {
            let s = state(it);
            let Some(seq) = s.seq.borrow().clone() else {
                return Ok(None);
            };
            let index = s.index.get();
            match vm.getitem(&seq, &vm.new_int(index as i64)) {
                Ok(item) => {
                    s.index.set(index + 1);
                    Ok(Some(item))
                }
                Err(e)
                    if e.matches(vm, &vm.exceptions.index_error)
                        || e.matches(vm, &vm.exceptions.stop_iteration) =>
                {
                    *s.seq.borrow_mut() = None;
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }));
    for ty in [
        &vm.types.iterator,
        &vm.types.list_iterator,
        &vm.types.tuple_iterator,
        &vm.types.str_iterator,
        &vm.types.dict_keyiterator,
    ] {
        crate::slots::add_slot_wrappers(vm, ty);
    }
}
