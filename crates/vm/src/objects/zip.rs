//! `zip(*iterables, strict=False)` (Python/bltinmodule.c's zip type).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;

#[derive(krait_derive::Traverse)]
pub struct ZipObject {
    iterators: Vec<Object>,
    /// With `strict=True`, iterables of different lengths are an error.
    strict: bool,
}

fn zip_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let mut strict = false;
    for (name, value) in args.keywords() {
        match &*as_rust_str(name) {
            "strict" => strict = vm.is_true(value)?,
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for zip()"
                )))
            }
        }
    }
    let iterators = args
        .positional()
        .iter()
        .map(|o| vm.iter(o))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(object::alloc(ty, ZipObject { iterators, strict }))
}

/// "argument 2" or "arguments 1-2": the arguments before the i-th.
fn before(i: usize) -> String {
    if i == 1 {
        "argument 1".to_string()
    } else {
        format!("arguments 1-{i}")
    }
}

fn zip_next(vm: &Vm, z: &Object) -> PyResult<Option<Object>> {
    let z = z.payload::<ZipObject>().expect("a zip");
    if z.iterators.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(z.iterators.len());
    for (i, it) in z.iterators.iter().enumerate() {
        match vm.next(it)? {
            Some(item) => items.push(item),
            None if !z.strict => return Ok(None),
            None if i > 0 => {
                return Err(vm.new_value_error(format!(
                    "zip() argument {} is shorter than {}",
                    i + 1,
                    before(i)
                )))
            }
            None => {
                for (j, other) in z.iterators.iter().enumerate().skip(1) {
                    if vm.next(other)?.is_some() {
                        return Err(vm.new_value_error(format!(
                            "zip() argument {} is longer than {}",
                            j + 1,
                            before(j)
                        )));
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(vm.new_tuple(items)))
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.zip);
    tp.slots.new.set(Some(zip_new));
    tp.slots.iter.set(Some(|_, z| Ok(z.clone())));
    tp.slots.iternext.set(Some(zip_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.zip);
}
