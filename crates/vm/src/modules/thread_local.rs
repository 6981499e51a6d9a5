//! `_thread._local`, which `threading.local` is (the `localobject` of
//! Modules/_threadmodule.c): an object whose attributes each thread sees
//! its own of.
//!
//! The object keeps one attribute dict per thread, by the thread's
//! serial number. Before any attribute access it puts the running
//! thread's dict in its instance `__dict__` slot, so that the generic
//! attribute code, and `__dict__`, see that thread's. The first access
//! from a thread makes its dict and, for a subclass with an `__init__`,
//! calls it again with the arguments the object was made with.
//!
//! Each thread's dict goes when the object goes, or when the thread
//! ends: a thread keeps weak references to the objects it has a dict
//! in, and takes its dicts out of them at its end.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::object::{generic_getattr, generic_setattr};
use crate::pystate::ThreadState;
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;
use std::cell::RefCell;

/// The payload of `_local`.
#[derive(krait_derive::Traverse)]
pub struct LocalObject {
    /// Each thread's attributes, by the thread's serial number.
    dicts: RefCell<Vec<(u64, Object)>>,
    /// The arguments the object was made with, and the names of the
    /// keyword ones among them, for `__init__` in each new thread.
    args: Vec<Object>,
    kwnames: Vec<Object>,
}

pub(crate) fn new_type(vm: &Vm) -> Object {
    let ty = super::new_type(
        vm,
        "_thread",
        "_local",
        Layout::ThreadLocal,
        crate::typeobject::flags::BASETYPE,
        |tp| {
            tp.slots.new.set(Some(local_new));
            tp.slots.getattro.set(Some(local_getattro));
            tp.slots.setattro.set(Some(local_setattro));
        },
    );
    crate::typeobject::give_instance_dict(vm, &ty);
    type_payload(&ty).dict.set_str(
        vm,
        vm.names.__doc__.clone(),
        vm.new_str("Thread-local data"),
    );
    ty
}

fn local_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a LocalObject> {
    o.payload::<LocalObject>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a '_thread._local' object"))
}

/// Whether the type of `object` has an `__init__` of its own, rather
/// than `object`'s.
fn has_own_init(vm: &Vm, ty: &Object) -> bool {
    let object_init = type_payload(&vm.object_type).slots.init.get();
    match (type_payload(ty).slots.init.get(), object_init) {
        (Some(init), Some(base)) => !std::ptr::fn_addr_eq(init, base),
        (init, _) => init.is_some(),
    }
}

/// `_local.__new__(cls, *args, **kwargs)`: arguments are kept for
/// `__init__`, so a class without one takes none.
fn local_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if !args.values.is_empty() && !has_own_init(vm, ty) {
        return Err(vm.new_type_error("Initialization arguments are not supported"));
    }
    let object = crate::object::alloc(
        ty,
        LocalObject {
            dicts: RefCell::new(Vec::new()),
            args: args.values.to_vec(),
            kwnames: args.kwnames.to_vec(),
        },
    );
    // The thread that makes the object runs `__init__` through the type's
    // call, as for any object.
    add_dict(vm, &object, local_of(vm, &object)?)?;
    Ok(object)
}

/// Makes a dict for the running thread in `local` and shows it.
fn add_dict(vm: &Vm, object: &Object, local: &LocalObject) -> PyResult<Object> {
    let weak = vm.call(
        &vm.types.weakref,
        Args::positional_only(std::slice::from_ref(object)),
    )?;
    let dict = vm.new_dict();
    local
        .dicts
        .borrow_mut()
        .push((vm.thread.serial, dict.clone()));
    show(vm, object, Some(dict.clone()));
    let mut locals = vm.thread.locals.borrow_mut();
    // Forget the objects that went, now and then.
    if locals.len() >= 16 && locals.len().is_power_of_two() {
        locals.retain(|w| referent(w).is_some());
    }
    locals.push(weak);
    Ok(dict)
}

/// What a weak reference refers to, if it is alive.
fn referent(weak: &Object) -> Option<Object> {
    weak.payload::<crate::objects::weakref::WeakRefObject>()
        .and_then(|w| w.referent())
}

/// Puts `dict` in the instance `__dict__` slot of `object`.
fn show(vm: &Vm, object: &Object, dict: Option<Object>) {
    if let Some(offset) = vm.type_payload_of(object).dict_offset.get() {
        // SAFETY: the type places the instance dict at this offset.
        drop(unsafe { object.instance_slot(offset) }.replace(dict));
    }
}

/// Shows the running thread's dict in `object`, making it (and running
/// `__init__` in it) on the thread's first access (`_ldict`).
fn show_own_dict(vm: &Vm, object: &Object) -> PyResult<()> {
    let local = local_of(vm, object)?;
    let serial = vm.thread.serial;
    let found = local
        .dicts
        .borrow()
        .iter()
        .find(|(s, _)| *s == serial)
        .map(|(_, d)| d.clone());
    if let Some(dict) = found {
        show(vm, object, Some(dict));
        return Ok(());
    }
    add_dict(vm, object, local)?;
    let ty = vm.type_of(object).clone();
    if has_own_init(vm, &ty) {
        if let Some(init) = type_payload(&ty).slots.init.get() {
            let values = local.args.clone();
            let args = Args {
                values: &values,
                kwnames: &local.kwnames,
            };
            if let Err(e) = init(vm, object, args) {
                local.dicts.borrow_mut().retain(|(s, _)| *s != serial);
                show(vm, object, None);
                return Err(e);
            }
        }
    }
    Ok(())
}

fn local_getattro(vm: &Vm, object: &Object, name: &Object) -> PyResult {
    show_own_dict(vm, object)?;
    generic_getattr(vm, object, name)
}

fn local_setattro(vm: &Vm, object: &Object, name: &Object, value: Option<&Object>) -> PyResult<()> {
    show_own_dict(vm, object)?;
    if crate::objects::str::as_rust_str(name) == "__dict__" {
        return Err(vm.new_exception(
            &vm.exceptions.attribute_error,
            format!(
                "'{}' object attribute '__dict__' is read-only",
                vm.type_name(object)
            ),
        ));
    }
    generic_setattr(vm, object, name, value)
}

/// Takes an ending thread's dicts out of the `_local` objects it used.
pub(crate) fn end_thread(vm: &Vm, state: &ThreadState) {
    for weak in state.locals.take() {
        let Some(object) = referent(&weak) else {
            continue;
        };
        let Some(local) = object.payload::<LocalObject>() else {
            continue;
        };
        let mut dicts = local.dicts.borrow_mut();
        let Some(i) = dicts.iter().position(|(s, _)| *s == state.serial) else {
            continue;
        };
        let (_, dict) = dicts.remove(i);
        drop(dicts);
        if let Some(offset) = vm.type_payload_of(&object).dict_offset.get() {
            // SAFETY: the type places the instance dict at this offset.
            let slot = unsafe { object.instance_slot(offset) };
            let shown = slot.take();
            match shown {
                Some(d) if d.is(&dict) => {}
                other => slot.set(other),
            }
        }
        drop(dict);
    }
}
