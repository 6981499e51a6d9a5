//! `anext(aiterator, default)`'s awaitable (the `anext_awaitable` of
//! Objects/iterobject.c): it drives what `__anext__()` gave and turns
//! the iterator's end, StopAsyncIteration, into the default value.

use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::function::check_arity;
use crate::objects::generator::{self as gen, Kind};
use crate::typeobject::Args;
use crate::vm::Vm;

/// The payload of an `anext_awaitable`.
#[derive(krait_derive::Traverse)]
pub struct AnextAwaitable {
    /// What `__anext__()` gave.
    wrapped: Object,
    default: Object,
}

/// The awaitable `anext(aiterator, default)` gives.
pub fn new(vm: &Vm, wrapped: Object, default: Object) -> Object {
    object::alloc(
        &vm.types.anext_awaitable,
        AnextAwaitable { wrapped, default },
    )
}

fn payload(o: &Object) -> &AnextAwaitable {
    o.payload::<AnextAwaitable>().expect("an anext_awaitable")
}

/// The iterator each step goes through: the awaitable's, and for a
/// coroutine its `__await__()` (`anextawaitable_getiter`).
fn awaitable_iter(vm: &Vm, o: &Object) -> PyResult {
    let it = gen::awaitable_iter(vm, &payload(o).wrapped)?;
    if gen::kind_of(&it) == Some(Kind::Coroutine) {
        return vm.call_method(&it, "__await__", &[]);
    }
    Ok(it)
}

/// The end of the wrapped awaitable's iterator is the default value.
fn end_to_default(vm: &Vm, o: &Object, e: PyErr) -> PyErr {
    if e.matches(vm, &vm.exceptions.stop_async_iteration) {
        return gen::stop_iteration_with(vm, payload(o).default.clone());
    }
    e
}

/// `send`, `throw` and `close`, passed on to the iterator
/// (`anextawaitable_proxy`).
fn proxy(vm: &Vm, o: &Object, method: &str, args: &[Object]) -> PyResult {
    let it = awaitable_iter(vm, o)?;
    vm.call_method(&it, method, args)
        .map_err(|e| end_to_default(vm, o, e))
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.anext_awaitable;
    let tp = type_payload(ty);
    tp.slots.iter.set(Some(|_, o| Ok(o.clone())));
    tp.slots.iternext.set(Some(|vm, o| {
        let it = awaitable_iter(vm, o)?;
        match vm.type_payload_of(&it).slots.iternext.get() {
            Some(next) => next(vm, &it).map_err(|e| end_to_default(vm, o, e)),
            None => {
                Err(vm.new_type_error(format!("'{}' object is not an iterator", vm.type_name(&it))))
            }
        }
    }));
    crate::objects::function::add_methods(
        vm,
        ty,
        &[
            ("send", |vm, args: Args| {
                check_arity(vm, "anext_awaitable.send", args, 2, 2)?;
                proxy(vm, &args.values[0], "send", &args.values[1..])
            }),
            ("throw", |vm, args: Args| {
                check_arity(vm, "throw", args, 2, 4)?;
                proxy(vm, &args.values[0], "throw", &args.values[1..])
            }),
            ("close", |vm, args: Args| {
                check_arity(vm, "anext_awaitable.close", args, 1, 1)?;
                proxy(vm, &args.values[0], "close", &[])
            }),
            ("__await__", |vm, args: Args| {
                check_arity(vm, "__await__", args, 1, 1)?;
                Ok(args.values[0].clone())
            }),
        ],
    );
    crate::slots::add_slot_wrappers(vm, ty);
}
