//! `slice` (Objects/sliceobject.c).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::{int_value, IntValue};
use crate::typeobject::CompareOp;
use crate::vm::Vm;
use dashu_int::{IBig, Sign};

#[derive(krait_derive::Traverse)]
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
            if b.sign() == Sign::Negative {
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

    /// Whether the bounds are None or small ints, which resolve without
    /// running Python code (no `__index__`).
    pub fn is_plain(&self, vm: &Vm) -> bool {
        [&self.start, &self.stop, &self.step]
            .iter()
            .all(|b| b.as_small_int().is_some() || vm.is_none(b))
    }

    /// start, stop and step for a sequence of `length` items, as ints of
    /// any size (`_PySlice_GetLongIndices`): what `slice.indices` and
    /// slicing a range use.
    pub fn long_indices(&self, vm: &Vm, length: &IBig) -> PyResult<(IBig, IBig, IBig)> {
        let index = |o: &Object| -> PyResult<IBig> {
            if int_value(o).is_none() && vm.type_payload_of(o).slots.nb_index.get().is_none() {
                return Err(vm.new_type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            let i = crate::objects::sequence::number_index(vm, o)?;
            Ok(int_value(&i).map(|v| v.to_bigint()).unwrap_or_default())
        };
        let step = if vm.is_none(&self.step) {
            IBig::ONE
        } else {
            index(&self.step)?
        };
        if step.is_zero() {
            return Err(vm.new_value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step.sign() == Sign::Negative {
            (IBig::NEG_ONE, length - IBig::ONE)
        } else {
            (IBig::ZERO, length.clone())
        };
        let bound = |b: &Object, default: &IBig| -> PyResult<IBig> {
            if vm.is_none(b) {
                return Ok(default.clone());
            }
            let mut i = index(b)?;
            if i.sign() == Sign::Negative {
                i += length;
                if i < lower {
                    i = lower.clone();
                }
            } else if i > upper {
                i = upper.clone();
            }
            Ok(i)
        };
        let (start_default, stop_default) = if step.sign() == Sign::Negative {
            (&upper, &lower)
        } else {
            (&lower, &upper)
        };
        let start = bound(&self.start, start_default)?;
        let stop = bound(&self.stop, stop_default)?;
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
                values: &[std::slice::from_ref(&vm.none), args.values].concat(),
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
    tp.slots
        .hash
        .set(Some(crate::objects::object::hash_not_implemented));
    tp.slots.richcompare.set(Some(|vm, a, b, op: CompareOp| {
        let (Some(x), Some(y)) = (a.payload::<SliceObject>(), b.payload::<SliceObject>()) else {
            return Ok(vm.not_implemented.clone());
        };
        let x = [x.start.clone(), x.stop.clone(), x.step.clone()];
        let y = [y.start.clone(), y.stop.clone(), y.step.clone()];
        crate::objects::sequence::richcompare(vm, &x, &y, op)
    }));
    crate::objects::function::add_methods(
        vm,
        &vm.types.slice,
        &[
            ("__reduce__", |vm, args| {
                crate::objects::function::check_arity(vm, "__reduce__", args, 1, 1)?;
                let s = args.values[0]
                    .payload::<SliceObject>()
                    .ok_or_else(|| vm.new_type_error("expected a slice"))?;
                let bounds = vm.new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()]);
                Ok(vm.new_tuple(vec![vm.types.slice.clone(), bounds]))
            }),
            ("indices", |vm, args| {
                crate::objects::function::check_arity(vm, "slice.indices", args, 2, 2)?;
                let s = args.values[0]
                    .payload::<SliceObject>()
                    .ok_or_else(|| vm.new_type_error("expected a slice"))?;
                let length = crate::objects::sequence::number_index(vm, &args.values[1])?;
                let length = int_value(&length)
                    .map(|v| v.to_bigint())
                    .unwrap_or_default();
                if length.sign() == Sign::Negative {
                    return Err(vm.new_value_error("length should not be negative"));
                }
                let (start, stop, step) = s.long_indices(vm, &length)?;
                Ok(vm.new_tuple(vec![
                    crate::objects::int::new_big(vm, start),
                    crate::objects::int::new_big(vm, stop),
                    crate::objects::int::new_big(vm, step),
                ]))
            }),
        ],
    );
    for (name, which) in [("start", 0), ("stop", 1), ("step", 2)] {
        let get: crate::objects::descr::Getter = match which {
            0 => |_, s| Ok(s.payload::<SliceObject>().expect("a slice").start.clone()),
            1 => |_, s| Ok(s.payload::<SliceObject>().expect("a slice").stop.clone()),
            _ => |_, s| Ok(s.payload::<SliceObject>().expect("a slice").step.clone()),
        };
        crate::objects::descr::add_getset(
            vm,
            &vm.types.slice,
            name,
            get,
            Some(crate::objects::sequence::readonly_member),
        );
    }
    crate::slots::add_slot_wrappers(vm, &vm.types.slice);
    type_payload(&vm.types.slice)
        .dict
        .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
}

pub fn new_slice(vm: &Vm, start: Object, stop: Object, step: Object) -> Object {
    object::alloc(&vm.types.slice, SliceObject { start, stop, step })
}
