//! `range` and its iterator (Objects/rangeobject.c), for ranges whose
//! bounds fit an i64.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::index_value;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::Cell;

pub struct RangeObject {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObject {
    pub fn len(&self) -> usize {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        n as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The iterator over a range; for loops over it are quickened.
pub struct RangeIterator {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<usize>,
}

fn range_arg(vm: &Vm, o: &Object) -> PyResult<i64> {
    index_value(vm, o)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(o)
        ))
    })
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.range);
    tp.slots.new.set(Some(|vm, _, args: Args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("range() takes no keyword arguments"));
        }
        let v = args.values;
        let (start, stop, step) = match v.len() {
            1 => (0, range_arg(vm, &v[0])?, 1),
            2 => (range_arg(vm, &v[0])?, range_arg(vm, &v[1])?, 1),
            3 => (
                range_arg(vm, &v[0])?,
                range_arg(vm, &v[1])?,
                range_arg(vm, &v[2])?,
            ),
            0 => return Err(vm.new_type_error("range expected at least 1 argument, got 0")),
            n => {
                return Err(
                    vm.new_type_error(format!("range expected at most 3 arguments, got {n}"))
                )
            }
        };
        if step == 0 {
            return Err(vm.new_value_error("range() arg 3 must not be zero"));
        }
        Ok(object::alloc(
            &vm.types.range,
            RangeObject { start, stop, step },
        ))
    }));
    tp.slots.repr.set(Some(|vm, r| {
        let r = r.payload::<RangeObject>().expect("a range");
        Ok(vm.new_str(&if r.step == 1 {
            format!("range({}, {})", r.start, r.stop)
        } else {
            format!("range({}, {}, {})", r.start, r.stop, r.step)
        }))
    }));
    tp.slots.length.set(Some(|_, r| {
        Ok(r.payload::<RangeObject>().expect("a range").len())
    }));
    tp.slots.iter.set(Some(|vm, r| {
        let r = r.payload::<RangeObject>().expect("a range");
        Ok(new_range_iterator(vm, r.start, r.step, r.len()))
    }));
    tp.slots.getitem.set(Some(|vm, r, key| {
        let range = r.payload::<RangeObject>().expect("a range");
        let i = index_value(vm, key)?.ok_or_else(|| {
            vm.new_type_error(format!(
                "range indices must be integers or slices, not {}",
                vm.type_name(key)
            ))
        })?;
        let i = crate::objects::sequence::resolve_index(i, range.len())
            .ok_or_else(|| vm.new_index_error("range object index out of range"))?;
        Ok(vm.new_int(range.start + i as i64 * range.step))
    }));
    tp.slots.sq_contains.set(Some(|vm, r, x| {
        let range = r.payload::<RangeObject>().expect("a range");
        if let Some(v) = x.as_small_int() {
            let inside = if range.step > 0 {
                v >= range.start && v < range.stop
            } else {
                v <= range.start && v > range.stop
            };
            return Ok(inside && (v - range.start) % range.step == 0);
        }
        let mut i = range.start;
        for _ in 0..range.len() {
            if vm.eq(&vm.new_int(i), x)? {
                return Ok(true);
            }
            i += range.step;
        }
        Ok(false)
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.range);
    for (name, which) in [("start", 0), ("stop", 1), ("step", 2)] {
        let get: crate::objects::descr::Getter = match which {
            0 => |vm, r| Ok(vm.new_int(r.payload::<RangeObject>().expect("a range").start)),
            1 => |vm, r| Ok(vm.new_int(r.payload::<RangeObject>().expect("a range").stop)),
            _ => |vm, r| Ok(vm.new_int(r.payload::<RangeObject>().expect("a range").step)),
        };
        crate::objects::descr::add_getset(vm, &vm.types.range, name, get, None);
    }

    let tp = type_payload(&vm.types.range_iterator);
    tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
    tp.slots
        .iternext
        .set(Some(|vm, it| Ok(range_next(it).map(|v| vm.new_int(v)))));
    crate::slots::add_slot_wrappers(vm, &vm.types.range_iterator);
}

pub fn new_range_iterator(vm: &Vm, start: i64, step: i64, len: usize) -> Object {
    object::alloc(
        &vm.types.range_iterator,
        RangeIterator {
            next: Cell::new(start),
            step,
            remaining: Cell::new(len),
        },
    )
}

/// FOR_ITER's fast path: the next value if `it` is a range iterator.
#[inline]
pub fn range_next_if_range(vm: &Vm, it: &Object) -> Option<Option<Object>> {
    if !it.heap_type()?.is(&vm.types.range_iterator) {
        return None;
    }
    Some(range_next(it).map(|v| vm.new_int(v)))
}

/// The next value of a range iterator.
#[inline]
pub fn range_next(it: &Object) -> Option<i64> {
    let it = it.payload::<RangeIterator>()?;
    let remaining = it.remaining.get();
    if remaining == 0 {
        return None;
    }
    it.remaining.set(remaining - 1);
    let v = it.next.get();
    it.next.set(v.wrapping_add(it.step));
    Some(v)
}
