//! Iterators over sequences (Objects/iterobject.c, and the list, tuple
//! and str iterators of their files): one layout, an object and a
//! position, with a `next` per type; and `iter(callable, sentinel)`'s
//! `callable_iterator`.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::list::ListObject;
use crate::objects::str::StrObject;
use crate::objects::tuple::tuple_items;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

#[derive(krait_derive::Traverse)]
pub struct SeqIterator {
    /// What is iterated; None once exhausted, so a list that grows later
    /// is not picked up again.
    pub seq: RefCell<Option<Object>>,
    /// The next index; for a list's reverse iterator, one past it.
    pub index: Cell<usize>,
}

pub fn new_seq_iterator(vm: &Vm, ty: &Object, seq: &Object) -> Object {
    let _ = vm;
    object::alloc(
        ty,
        SeqIterator {
            seq: RefCell::new(Some(seq.clone())),
            index: Cell::new(0),
        },
    )
}

/// `reversed(list)` (`list_reverseiterator`): from the last item down.
pub fn new_list_reverse_iterator(vm: &Vm, list: &Object) -> Object {
    let len = list.payload::<ListObject>().map_or(0, |l| l.len());
    object::alloc(
        &vm.types.list_reverseiterator,
        SeqIterator {
            seq: RefCell::new(Some(list.clone())),
            index: Cell::new(len),
        },
    )
}

fn state(it: &Object) -> &SeqIterator {
    it.payload::<SeqIterator>().expect("a sequence iterator")
}

/// Steps the iterator with `item_at(seq, index)`, which runs no Python
/// code (the sequence stays borrowed meanwhile).
fn step(it: &Object, item_at: impl FnOnce(&Object, usize) -> Option<Object>) -> Option<Object> {
    let s = state(it);
    let index = s.index.get();
    let item = item_at(s.seq.borrow().as_ref()?, index);
    match item {
        Some(item) => {
            s.index.set(index + 1);
            Some(item)
        }
        None => {
            let old = s.seq.borrow_mut().take();
            drop(old);
            None
        }
    }
}

/// The next item of a tuple iterator (used by FOR_ITER_TUPLE).
#[inline]
pub fn tuple_iterator_next(it: &Object) -> Option<Object> {
    step(it, |seq, i| {
        tuple_items(seq).and_then(|t| t.get(i).cloned())
    })
}

/// The next item of a list iterator (used by FOR_ITER_LIST).
#[inline]
pub fn list_iterator_next(it: &Object) -> Option<Object> {
    step(it, |seq, i| {
        seq.payload::<ListObject>().and_then(|l| l.get(i))
    })
}

fn list_reverse_next(it: &Object) -> Option<Object> {
    let s = state(it);
    let seq = s.seq.borrow().clone()?;
    let index = s.index.get();
    let item = seq
        .payload::<ListObject>()
        .and_then(|l| index.checked_sub(1).and_then(|i| l.get(i)));
    match item {
        Some(item) => {
            s.index.set(index - 1);
            Some(item)
        }
        None => {
            let old = s.seq.borrow_mut().take();
            drop(old);
            None
        }
    }
}

/// How many items are left (`__length_hint__`).
fn length_hint(vm: &Vm, it: &Object) -> PyResult<usize> {
    let s = state(it);
    let Some(seq) = s.seq.borrow().clone() else {
        return Ok(0);
    };
    let index = s.index.get();
    if vm.type_of(it).is(&vm.types.list_reverseiterator) {
        let len = seq.payload::<ListObject>().map_or(0, |l| l.len());
        return Ok(if index <= len { index } else { 0 });
    }
    Ok(vm.len(&seq)?.saturating_sub(index))
}

/// `iter(callable, sentinel)`: calls until the result equals the
/// sentinel; both are dropped then.
#[derive(krait_derive::Traverse)]
pub struct CallableIterator {
    state: RefCell<Option<(Object, Object)>>,
}

pub fn new_callable_iterator(vm: &Vm, callable: Object, sentinel: Object) -> Object {
    object::alloc(
        &vm.types.callable_iterator,
        CallableIterator {
            state: RefCell::new(Some((callable, sentinel))),
        },
    )
}

fn callable_iterator_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let it = it
        .payload::<CallableIterator>()
        .expect("a callable iterator");
    let Some((callable, sentinel)) = it.state.borrow().clone() else {
        return Ok(None);
    };
    let result = match vm.call(&callable, Args::positional_only(&[])) {
        Ok(r) => r,
        Err(e) if e.matches(vm, &vm.exceptions.stop_iteration) => {
            let old = it.state.borrow_mut().take();
            drop(old);
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if vm.eq(&sentinel, &result)? {
        let old = it.state.borrow_mut().take();
        drop(old);
        return Ok(None);
    }
    Ok(Some(result))
}

pub(crate) fn init(vm: &Vm) {
    let seq_types = [
        &vm.types.iterator,
        &vm.types.list_iterator,
        &vm.types.list_reverseiterator,
        &vm.types.tuple_iterator,
        &vm.types.str_iterator,
    ];
    for ty in seq_types {
        type_payload(ty)
            .slots
            .iter
            .set(Some(|_, it| Ok(it.clone())));
    }
    type_payload(&vm.types.list_iterator)
        .slots
        .iternext
        .set(Some(|_, it| Ok(list_iterator_next(it))));
    type_payload(&vm.types.list_reverseiterator)
        .slots
        .iternext
        .set(Some(|_, it| Ok(list_reverse_next(it))));
    type_payload(&vm.types.tuple_iterator)
        .slots
        .iternext
        .set(Some(|_, it| Ok(tuple_iterator_next(it))));
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
                    let old = s.seq.borrow_mut().take();
                    drop(old);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }));
    for ty in seq_types {
        crate::slots::add_slot_wrappers(vm, ty);
        if !ty.is(&vm.types.iterator) {
            crate::objects::function::add_methods(
                vm,
                ty,
                &[("__length_hint__", |vm, args| {
                    crate::objects::function::check_arity(vm, "__length_hint__", args, 1, 1)?;
                    Ok(vm.new_int(length_hint(vm, &args.values[0])? as i64))
                })],
            );
        }
    }

    let tp = type_payload(&vm.types.callable_iterator);
    tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
    tp.slots.iternext.set(Some(callable_iterator_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.callable_iterator);
}
