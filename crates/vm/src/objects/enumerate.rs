//! `enumerate` and `reversed` (Objects/enumobject.c).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::{int_value, IntValue};
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::RefCell;

/// `enumerate(iterable, start=0)`: the underlying iterator and the next
/// count, an int of any size.
#[derive(krait_derive::Traverse)]
pub struct EnumerateObject {
    iterator: Object,
    count: RefCell<Object>,
}

/// `reversed(sequence)` for a sequence without `__reversed__`: the
/// sequence and the next index; None once exhausted.
#[derive(krait_derive::Traverse)]
pub struct ReversedObject {
    state: RefCell<Option<(Object, usize)>>,
}

fn enumerate_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let positional = args.positional();
    let total = args.values.len();
    let mut iterable = positional.first().cloned();
    let mut start = positional.get(1).cloned();
    for (name, value) in args.keywords() {
        match &*as_rust_str(name) {
            "iterable" if iterable.is_none() && total <= 2 => iterable = Some(value.clone()),
            "start" if start.is_none() && total <= 2 => start = Some(value.clone()),
            other if total <= 2 => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for enumerate()"
                )))
            }
            _ => {}
        }
    }
    if total > 2 {
        return Err(vm.new_type_error(format!(
            "enumerate() takes at most 2 arguments ({total} given)"
        )));
    }
    let Some(iterable) = iterable else {
        return Err(vm.new_type_error("enumerate() missing required argument 'iterable'"));
    };
    let count = match start {
        Some(s) => crate::objects::sequence::number_index(vm, &s)?,
        None => vm.new_int(0),
    };
    let iterator = vm.iter(&iterable)?;
    Ok(object::alloc(
        ty,
        EnumerateObject {
            iterator,
            count: RefCell::new(count),
        },
    ))
}

fn enumerate_next(vm: &Vm, e: &Object) -> PyResult<Option<Object>> {
    let e = e.payload::<EnumerateObject>().expect("an enumerate");
    let Some(item) = vm.next(&e.iterator)? else {
        return Ok(None);
    };
    let count = e.count.borrow().clone();
    let next = match int_value(&count) {
        Some(IntValue::Small(i)) if i < i64::MAX => vm.new_int(i + 1),
        _ => crate::protocols::binary_op(vm, &count, &vm.new_int(1), 0)?,
    };
    *e.count.borrow_mut() = next;
    Ok(Some(vm.new_tuple(vec![count, item])))
}

/// `reversed(seq)`: `seq.__reversed__()` if the type has it, else an
/// iterator indexing a sequence from its end.
fn reversed_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if ty.is(&vm.types.reversed) && args.has_keywords() {
        return Err(vm.new_type_error("reversed() takes no keyword arguments"));
    }
    let positional = args.positional();
    if positional.len() != 1 {
        return Err(vm.new_type_error(format!(
            "reversed expected 1 argument, got {}",
            positional.len()
        )));
    }
    let seq = &positional[0];
    let not_reversible =
        || vm.new_type_error(format!("'{}' object is not reversible", vm.type_name(seq)));
    match vm.lookup_special(seq, &vm.names.__reversed__)? {
        Some(m) if vm.is_none(&m) => return Err(not_reversible()),
        Some(m) => return vm.call(&m, Args::positional_only(&[])),
        None => {}
    }
    let is_sequence = vm.type_payload_of(seq).slots.getitem.get().is_some()
        && !vm.is_instance(seq, &vm.types.dict);
    if !is_sequence {
        return Err(not_reversible());
    }
    let len = vm.len(seq)?;
    Ok(object::alloc(
        ty,
        ReversedObject {
            state: RefCell::new((len > 0).then(|| (seq.clone(), len))),
        },
    ))
}

fn reversed_next(vm: &Vm, r: &Object) -> PyResult<Option<Object>> {
    let r = r.payload::<ReversedObject>().expect("a reversed");
    let Some((seq, index)) = r.state.borrow().clone() else {
        return Ok(None);
    };
    match vm.getitem(&seq, &vm.new_int(index as i64 - 1)) {
        Ok(item) => {
            *r.state.borrow_mut() = (index > 1).then(|| (seq, index - 1));
            Ok(Some(item))
        }
        Err(e)
            if e.matches(vm, &vm.exceptions.index_error)
                || e.matches(vm, &vm.exceptions.stop_iteration) =>
        {
            let old = r.state.borrow_mut().take();
            drop(old);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.enumerate);
    tp.slots.new.set(Some(enumerate_new));
    tp.slots.iter.set(Some(|_, e| Ok(e.clone())));
    tp.slots.iternext.set(Some(enumerate_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.enumerate);

    let tp = type_payload(&vm.types.reversed);
    tp.slots.new.set(Some(reversed_new));
    tp.slots.iter.set(Some(|_, r| Ok(r.clone())));
    tp.slots.iternext.set(Some(reversed_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.reversed);
    crate::objects::function::add_methods(
        vm,
        &vm.types.reversed,
        &[("__length_hint__", |vm, args| {
            crate::objects::function::check_arity(vm, "__length_hint__", args, 1, 1)?;
            let n = args.values[0]
                .payload::<ReversedObject>()
                .and_then(|r| r.state.borrow().as_ref().map(|(_, i)| *i))
                .unwrap_or(0);
            Ok(vm.new_int(n as i64))
        })],
    );
}
