//! `map(function, *iterables)` (Python/bltinmodule.c's map type).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::typeobject::Args;
use crate::vm::Vm;

#[derive(krait_derive::Traverse)]
pub struct MapObject {
    function: Object,
    iterators: Vec<Object>,
}

fn map_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if ty.is(&vm.types.map) && args.has_keywords() {
        return Err(vm.new_type_error("map() takes no keyword arguments"));
    }
    let positional = args.positional();
    if positional.len() < 2 {
        return Err(vm.new_type_error("map() must have at least two arguments."));
    }
    let iterators = positional[1..]
        .iter()
        .map(|o| vm.iter(o))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(object::alloc(
        ty,
        MapObject {
            function: positional[0].clone(),
            iterators,
        },
    ))
}

fn map_next(vm: &Vm, m: &Object) -> PyResult<Option<Object>> {
    let m = m.payload::<MapObject>().expect("a map");
    let mut items = Vec::with_capacity(m.iterators.len());
    for it in &m.iterators {
        match vm.next(it)? {
            Some(item) => items.push(item),
            None => return Ok(None),
        }
    }
    vm.call(&m.function, Args::positional_only(&items))
        .map(Some)
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.map);
    tp.slots.new.set(Some(map_new));
    tp.slots.iter.set(Some(|_, m| Ok(m.clone())));
    tp.slots.iternext.set(Some(map_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.map);
}
