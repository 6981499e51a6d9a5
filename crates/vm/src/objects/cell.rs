//! `cell` (Objects/cellobject.c): a variable shared between a function
//! and the functions nested in it.

use crate::object::{type_payload, Object};
use crate::vm::Vm;
use std::cell::RefCell;

#[derive(krait_derive::Traverse, Default)]
pub struct CellObject {
    pub contents: RefCell<Option<Object>>,
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.cell);
    tp.slots.repr.set(Some(|vm, c| {
        let cell = c.payload::<CellObject>().expect("a cell");
        let text = match &*cell.contents.borrow() {
            Some(v) => format!(
                "<cell at {:#x}: {} object at {:#x}>",
                c.id(),
                vm.type_name(v),
                v.id()
            ),
            None => format!("<cell at {:#x}: empty>", c.id()),
        };
        Ok(vm.new_str(&text))
    }));
    crate::objects::descr::add_getset(
        vm,
        &vm.types.cell,
        "cell_contents",
        |vm, c| {
            c.payload::<CellObject>()
                .and_then(|cell| cell.contents.borrow().clone())
                .ok_or_else(|| vm.new_value_error("Cell is empty"))
        },
        Some(|_, c, value| {
            if let Some(cell) = c.payload::<CellObject>() {
                *cell.contents.borrow_mut() = value.cloned();
            }
            Ok(())
        }),
    );
    crate::slots::add_slot_wrappers(vm, &vm.types.cell);
}
