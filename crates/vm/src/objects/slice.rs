//! `slice` (Objects/sliceobject.c).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::{int_value, IntValue};
use crate::vm::Vm;

pub struct SliceObject {
    pub start: Object,
    pub stop: Object,
    pub step: Object,
}

/// A slice bound as an i64 (`_PyEval_SliceIndex`): an int, or an
/// object with `__index__`, clamped to the i64 range.
pub fn slice_index(vm: &Vm, bound: &Object) -> PyResult<i64> {
    let value = match int_value(bound) {
        Some(_) => bound.clone(),
        None => match vm.type_payload_of(bound).slots.nb_index.get() {
            Some(f) => f(vm, bound)?,
            None => {
                return Err(vm.new_type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        },
    };
    Ok(match int_value(&value) {
        Some(IntValue::Small(i)) => i,
        Some(IntValue::Big(b)) => {
            if b.sign() == dashu_int::Sign::Negative {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        None => 0,
    })
}

impl SliceObject {
    /// start, stop and step for a sequence of `len` items
    /// (`PySlice_GetIndicesEx`).
    pub fn resolve(&self, vm: &Vm, len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let step = if vm.is_none(&self.step) {
            1
        } else {
            slice_index(vm, &self.step)?
        };
        if step == 0 {
            return Err(vm.new_value_error("slice step cannot be zero"));
        }
        let step = step.max(-i64::MAX);
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let bound = |b: &Object, default: i64| -> PyResult<i64> {
            if vm.is_none(b) {
                return Ok(default);
            }
            let i = slice_index(vm, b)?;
            Ok(if i < 0 {
                (i.saturating_add(len)).max(lower)
            } else {
                i.min(upper)
            })
        };
        let start = bound(&self.start, if step < 0 { upper } else { lower })?;
        let stop = bound(&self.stop, if step < 0 { lower } else { upper })?;
        Ok((start, stop, step))
    }

    /// The indices the slice selects from a sequence of `len` items.
    pub fn indices(&self, vm: &Vm, len: usize) -> PyResult<impl Iterator<Item = usize>> {
        let (start, stop, step) = self.resolve(vm, len)?;
        let count = if step > 0 {
            if stop > start {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok((0..count).map(move |k| (start + k * step) as usize))
    }
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.slice);
    tp.slots.repr.set(Some(|vm, s| {
        let s = s.payload::<SliceObject>().expect("a slice");
        Ok(vm.new_str(&format!(
            "slice({}, {}, {})",
            vm.repr_string(&s.start)?,
            vm.repr_string(&s.stop)?,
            vm.repr_string(&s.step)?
        )))
    }));
    tp.slots.new.set(Some(|vm, _, args| {
        crate::objects::function::check_arity(
            vm,
            "slice",
            crate::typeobject::Args {
                values: &[&[vm.none.clone()], args.values].concat(),
                kwnames: args.kwnames,
            },
            2,
            4,
        )?;
        let v = args.values;
        Ok(match v.len() {
            1 => new_slice(vm, vm.none.clone(), v[0].clone(), vm.none.clone()),
            2 => new_slice(vm, v[0].clone(), v[1].clone(), vm.none.clone()),
            _ => new_slice(vm, v[0].clone(), v[1].clone(), v[2].clone()),
        })
    }));
    for (name, which) in [("start", 0), ("stop", 1), ("step", 2)] {
        let get: crate::objects::descr::Getter = match which {
            0 => |_, s| Ok(s.payload::<SliceObject>().expect("a slice").start.clone()),
            1 => |_, s| Ok(s.payload::<SliceObject>().expect("a slice").stop.clone()),
            _ => |_, s| Ok(s.payload::<SliceObject>().expect("a slice").step.clone()),
        };
        crate::objects::descr::add_getset(vm, &vm.types.slice, name, get, None);
    }
    crate::slots::add_slot_wrappers(vm, &vm.types.slice);
}

pub fn new_slice(vm: &Vm, start: Object, stop: Object, step: Object) -> Object {
    object::alloc(&vm.types.slice, SliceObject { start, stop, step })
}
