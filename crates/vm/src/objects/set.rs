//! `set` and `frozenset` (Objects/setobject.c).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::dict::Dict;
use crate::vm::Vm;

/// A set's elements, kept as the keys of a dict table.
#[derive(Default)]
pub struct SetObject {
    pub table: Dict,
}

pub fn new_set(vm: &Vm, items: Vec<Object>) -> PyResult<Object> {
    let set = object::alloc(&vm.types.set, SetObject::default());
    fill(vm, &set, items)?;
    Ok(set)
}

pub fn new_frozenset(vm: &Vm, items: Vec<Object>) -> PyResult<Object> {
    let set = object::alloc(&vm.types.frozenset, SetObject::default());
    fill(vm, &set, items)?;
    Ok(set)
}

fn fill(vm: &Vm, set: &Object, items: Vec<Object>) -> PyResult<()> {
    let table = &set.payload::<SetObject>().expect("a set").table;
    for item in items {
        table.set(vm, item, vm.none.clone())?;
    }
    Ok(())
}

/// `s.add(item)`.
pub fn set_add(vm: &Vm, set: &Object, item: Object) -> PyResult<()> {
    set.payload::<SetObject>()
        .expect("a set")
        .table
        .set(vm, item, vm.none.clone())
}

pub(crate) fn init(vm: &Vm) {
    for ty in [&vm.types.set, &vm.types.frozenset] {
        let tp = type_payload(ty);
        tp.slots.repr.set(Some(|vm, s| {
            let keys = s.payload::<SetObject>().expect("a set").table.keys();
            let is_set = vm.type_of(s).is(&vm.types.set);
            let name = vm.type_name(s);
            if keys.is_empty() {
                return Ok(vm.new_str(&format!("{name}()")));
            }
            let Some(_guard) = crate::recursion::ReprGuard::enter(vm, s) else {
                return Ok(vm.new_str(&format!("{name}(...)")));
            };
            let items = keys
                .iter()
                .map(|k| vm.repr_string(k))
                .collect::<PyResult<Vec<_>>>()?;
            let body = format!("{{{}}}", items.join(", "));
            Ok(vm.new_str(&if is_set {
                body
            } else {
                format!("{name}({body})")
            }))
        }));
        tp.slots.length.set(Some(|_, s| {
            Ok(s.payload::<SetObject>().expect("a set").table.len())
        }));
        tp.slots.sq_contains.set(Some(|vm, s, x| {
            Ok(s.payload::<SetObject>()
                .expect("a set")
                .table
                .get(vm, x)?
                .is_some())
        }));
        tp.slots.iter.set(Some(|vm, s| {
            let keys = s.payload::<SetObject>().expect("a set").table.keys();
            vm.iter(&vm.new_list(keys))
        }));
        crate::slots::add_slot_wrappers(vm, ty);
    }
}
