//! `filter(function or None, iterable)` (Python/bltinmodule.c's filter
//! type).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::typeobject::Args;
use crate::vm::Vm;

#[derive(krait_derive::Traverse)]
pub struct FilterObject {
    /// None keeps the true items themselves (as `bool` does).
    function: Option<Object>,
    iterator: Object,
}

fn filter_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if ty.is(&vm.types.filter) && args.has_keywords() {
        return Err(vm.new_type_error("filter() takes no keyword arguments"));
    }
    let positional = args.positional();
    let [function, iterable] = positional else {
        return Err(vm.new_type_error(format!(
            "filter expected 2 arguments, got {}",
            positional.len()
        )));
    };
    let iterator = vm.iter(iterable)?;
    let function =
        (!vm.is_none(function) && !function.is(&vm.types.bool_)).then(|| function.clone());
    Ok(object::alloc(ty, FilterObject { function, iterator }))
}

fn filter_next(vm: &Vm, f: &Object) -> PyResult<Option<Object>> {
    let f = f.payload::<FilterObject>().expect("a filter");
    while let Some(item) = vm.next(&f.iterator)? {
        let keep = match &f.function {
            None => vm.is_true(&item)?,
            Some(function) => {
                let r = vm.call(function, Args::positional_only(std::slice::from_ref(&item)))?;
                vm.is_true(&r)?
            }
        };
        if keep {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.filter);
    tp.slots.new.set(Some(filter_new));
    tp.slots.iter.set(Some(|_, f| Ok(f.clone())));
    tp.slots.iternext.set(Some(filter_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.filter);
}
