//! `range` and its iterators (Objects/rangeobject.c).
//!
//! A range's bounds are ints of any size, as in CPython, but nearly
//! every range fits machine words, and `for i in range(n)` is the most
//! common loop there is: such a range keeps its bounds as i64 and its
//! iterator, `range_iterator`, steps an i64 (FOR_ITER has a fast path
//! for it). Ranges beyond that compute with big ints, and iterate with
//! `longrange_iterator`.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::int::{floor_divmod, IBig};
use crate::objects::int::{int_value, new_big};
use crate::objects::sequence::number_index;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use dashu_int::Sign;
use std::cell::{Cell, RefCell};

#[derive(krait_derive::Traverse)]
pub struct RangeObject {
    start: IBig,
    stop: IBig,
    step: IBig,
    len: IBig,
    /// start, step and length as machine words, when they fit (and
    /// `start + len * step` does too): what iteration and indexing use.
    small: Option<(i64, i64, u64)>,
}

/// The number of items of `range(start, stop, step)`.
fn range_length(start: &IBig, stop: &IBig, step: &IBig) -> IBig {
    let (lo, hi, step) = if step.sign() == Sign::Positive {
        (start, stop, step.clone())
    } else {
        (stop, start, -step)
    };
    if lo >= hi {
        return IBig::ZERO;
    }
    (hi - lo - IBig::ONE) / step + IBig::ONE
}

impl RangeObject {
    fn new(start: IBig, stop: IBig, step: IBig) -> RangeObject {
        let len = range_length(&start, &stop, &step);
        let small = small_form(&start, &step, &len);
        RangeObject {
            start,
            stop,
            step,
            len,
            small,
        }
    }

    /// `len(r)`, if it fits an index.
    pub fn len(&self) -> Option<usize> {
        isize::try_from(&self.len).ok().map(|n| n as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.len.is_zero()
    }

    /// Whether an int is one of the range's values (`range_contains_long`).
    fn contains_int(&self, v: &IBig) -> bool {
        let inside = if self.step.sign() == Sign::Positive {
            &self.start <= v && v < &self.stop
        } else {
            &self.stop < v && v <= &self.start
        };
        inside && floor_divmod(&(v - &self.start), &self.step).1.is_zero()
    }

    /// The item at index `i`, which the caller checked is in range.
    fn item(&self, i: &IBig) -> IBig {
        &self.start + i * &self.step
    }
}

/// start, step and length as machine words, if they and every value
/// up to `start + len * step` fit.
fn small_form(start: &IBig, step: &IBig, len: &IBig) -> Option<(i64, i64, u64)> {
    let (a, s, n) = (
        i64::try_from(start).ok()?,
        i64::try_from(step).ok()?,
        u64::try_from(len).ok()?,
    );
    let end = i128::from(n)
        .checked_mul(i128::from(s))?
        .checked_add(i128::from(a))?;
    i64::try_from(end).ok()?;
    Some((a, s, n))
}

fn range_of(o: &Object) -> &RangeObject {
    o.payload::<RangeObject>().expect("a range")
}

fn big(o: &Object) -> IBig {
    int_value(o).map(|v| v.to_bigint()).unwrap_or_default()
}

/// The iterator over a range of machine ints; for loops over it are
/// quickened.
#[derive(krait_derive::Traverse)]
pub struct RangeIterator {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<u64>,
}

/// The iterator over a range of big ints.
#[derive(krait_derive::Traverse)]
pub struct LongRangeIterator {
    next: RefCell<IBig>,
    step: IBig,
    remaining: RefCell<IBig>,
}

/// An iterator from `start` by `step`, `len` times: the machine-word
/// kind when every value fits.
fn new_iterator(vm: &Vm, start: &IBig, step: &IBig, len: &IBig) -> Object {
    match small_form(start, step, len).filter(|&(_, _, n)| n <= i64::MAX as u64) {
        Some((start, step, len)) => new_range_iterator(vm, start, step, len),
        None => object::alloc(
            &vm.types.longrange_iterator,
            LongRangeIterator {
                next: RefCell::new(start.clone()),
                step: step.clone(),
                remaining: RefCell::new(len.clone()),
            },
        ),
    }
}

fn range_new(vm: &Vm, _: &Object, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("range() takes no keyword arguments"));
    }
    let v = args.values;
    let (start, stop, step) = match v.len() {
        1 => (IBig::ZERO, big(&number_index(vm, &v[0])?), IBig::ONE),
        2 => (
            big(&number_index(vm, &v[0])?),
            big(&number_index(vm, &v[1])?),
            IBig::ONE,
        ),
        3 => (
            big(&number_index(vm, &v[0])?),
            big(&number_index(vm, &v[1])?),
            big(&number_index(vm, &v[2])?),
        ),
        0 => return Err(vm.new_type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.new_type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step.is_zero() {
        return Err(vm.new_value_error("range() arg 3 must not be zero"));
    }
    Ok(object::alloc(
        &vm.types.range,
        RangeObject::new(start, stop, step),
    ))
}

fn range_len(vm: &Vm, r: &Object) -> PyResult<usize> {
    range_of(r)
        .len()
        .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C ssize_t"))
}

fn range_getitem(vm: &Vm, r: &Object, key: &Object) -> PyResult {
    let range = range_of(r);
    if let Some(slice) = key.payload::<crate::objects::slice::SliceObject>() {
        let (start, stop, step) = slice.long_indices(vm, &range.len)?;
        return Ok(object::alloc(
            &vm.types.range,
            RangeObject::new(range.item(&start), range.item(&stop), step * &range.step),
        ));
    }
    let has_index =
        int_value(key).is_some() || vm.type_payload_of(key).slots.nb_index.get().is_some();
    if !has_index {
        return Err(vm.new_type_error(format!(
            "range indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    }
    if let (Some(i), Some((start, step, len))) = (key.as_small_int(), range.small) {
        let i = if i < 0 {
            i as i128 + len as i128
        } else {
            i as i128
        };
        if i < 0 || i >= len as i128 {
            return Err(vm.new_index_error("range object index out of range"));
        }
        return Ok(vm.new_int((start as i128 + i * step as i128) as i64));
    }
    let mut i = big(&number_index(vm, key)?);
    if i.sign() == Sign::Negative {
        i += &range.len;
    }
    if i.sign() == Sign::Negative || i >= range.len {
        return Err(vm.new_index_error("range object index out of range"));
    }
    Ok(new_big(vm, range.item(&i)))
}

/// Whether `x` is an exact int or a bool, which `in`, `index` and
/// `count` answer by arithmetic.
fn is_plain_int(vm: &Vm, x: &Object) -> bool {
    x.as_small_int().is_some()
        || vm.type_of(x).is(&vm.types.int)
        || vm.type_of(x).is(&vm.types.bool_)
}

fn range_contains(vm: &Vm, r: &Object, x: &Object) -> PyResult<bool> {
    let range = range_of(r);
    if is_plain_int(vm, x) {
        return Ok(range.contains_int(&big(x)));
    }
    let it = vm.iter(r)?;
    while let Some(item) = vm.next(&it)? {
        if vm.eq(&item, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn range_repr(vm: &Vm, r: &Object) -> PyResult {
    let r = range_of(r);
    Ok(vm.new_str(&if r.step.is_one() {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }))
}

/// Two ranges are equal when they give the same values
/// (`range_equals`).
fn range_equals(a: &RangeObject, b: &RangeObject) -> bool {
    if a.len != b.len {
        return false;
    }
    if a.len.is_zero() {
        return true;
    }
    if a.start != b.start {
        return false;
    }
    a.len.is_one() || a.step == b.step
}

fn range_hash(vm: &Vm, r: &Object) -> PyResult<i64> {
    let r = range_of(r);
    let start = if r.len.is_zero() {
        vm.none.clone()
    } else {
        new_big(vm, r.start.clone())
    };
    let step = if r.len.is_zero() || r.len.is_one() {
        vm.none.clone()
    } else {
        new_big(vm, r.step.clone())
    };
    vm.hash(&vm.new_tuple(vec![new_big(vm, r.len.clone()), start, step]))
}

fn range_index(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "range.index", args, 2, 2)?;
    let (r, x) = (&args.values[0], &args.values[1]);
    let range = range_of(r);
    if is_plain_int(vm, x) {
        let v = big(x);
        if !range.contains_int(&v) {
            return Err(vm.new_value_error(format!("{} is not in range", vm.repr_string(x)?)));
        }
        return Ok(new_big(vm, (v - &range.start) / &range.step));
    }
    let it = vm.iter(r)?;
    let mut index = 0;
    while let Some(item) = vm.next(&it)? {
        if vm.eq(&item, x)? {
            return Ok(vm.new_int(index));
        }
        index += 1;
    }
    Err(vm.new_value_error("sequence.index(x): x not in sequence"))
}

fn range_count(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "range.count", args, 2, 2)?;
    let (r, x) = (&args.values[0], &args.values[1]);
    if is_plain_int(vm, x) {
        return Ok(vm.new_int(i64::from(range_of(r).contains_int(&big(x)))));
    }
    let it = vm.iter(r)?;
    let mut n = 0;
    while let Some(item) = vm.next(&it)? {
        if vm.eq(&item, x)? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.range);
    tp.slots.new.set(Some(range_new));
    tp.slots.repr.set(Some(range_repr));
    tp.slots.length.set(Some(range_len));
    tp.slots
        .nb_bool
        .set(Some(|_, r| Ok(!range_of(r).is_empty())));
    tp.slots.iter.set(Some(|vm, r| {
        let r = range_of(r);
        Ok(match r.small {
            Some((start, step, len)) => new_range_iterator(vm, start, step, len),
            None => new_iterator(vm, &r.start, &r.step, &r.len),
        })
    }));
    tp.slots.getitem.set(Some(range_getitem));
    tp.slots.sq_contains.set(Some(range_contains));
    tp.slots.hash.set(Some(range_hash));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        let (Some(x), Some(y)) = (a.payload::<RangeObject>(), b.payload::<RangeObject>()) else {
            return Ok(vm.not_implemented.clone());
        };
        match op {
            CompareOp::Eq => Ok(vm.new_bool(a.is(b) || range_equals(x, y))),
            CompareOp::Ne => Ok(vm.new_bool(!(a.is(b) || range_equals(x, y)))),
            _ => Ok(vm.not_implemented.clone()),
        }
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.range);
    crate::objects::function::add_methods(
        vm,
        &vm.types.range,
        &[
            ("__reduce__", |vm, args| {
                crate::objects::function::check_arity(vm, "__reduce__", args, 1, 1)?;
                let r = &args.values[0];
                let mut bounds = Vec::new();
                for name in ["start", "stop", "step"] {
                    bounds.push(vm.getattr_str(r, name)?);
                }
                Ok(vm.new_tuple(vec![vm.types.range.clone(), vm.new_tuple(bounds)]))
            }),
            ("index", range_index),
            ("count", range_count),
            ("__reversed__", |vm, args| {
                crate::objects::function::check_arity(vm, "range.__reversed__", args, 1, 1)?;
                let r = range_of(&args.values[0]);
                let last = &r.start + (&r.len - 1u8) * &r.step;
                let start = if r.len.is_zero() {
                    r.start.clone()
                } else {
                    last
                };
                Ok(new_iterator(vm, &start, &-&r.step, &r.len))
            }),
        ],
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.range,
        "start",
        |vm, r| Ok(new_big(vm, range_of(r).start.clone())),
        Some(crate::objects::sequence::readonly_member),
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.range,
        "stop",
        |vm, r| Ok(new_big(vm, range_of(r).stop.clone())),
        Some(crate::objects::sequence::readonly_member),
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.range,
        "step",
        |vm, r| Ok(new_big(vm, range_of(r).step.clone())),
        Some(crate::objects::sequence::readonly_member),
    );

    let tp = type_payload(&vm.types.range_iterator);
    tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
    tp.slots
        .iternext
        .set(Some(|vm, it| Ok(range_next(it).map(|v| vm.new_int(v)))));
    crate::slots::add_slot_wrappers(vm, &vm.types.range_iterator);
    crate::objects::function::add_methods(
        vm,
        &vm.types.range_iterator,
        &[("__length_hint__", |vm, args| {
            crate::objects::function::check_arity(vm, "__length_hint__", args, 1, 1)?;
            let n = args.values[0]
                .payload::<RangeIterator>()
                .map_or(0, |it| it.remaining.get());
            Ok(new_big(vm, n.into()))
        })],
    );

    let tp = type_payload(&vm.types.longrange_iterator);
    tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
    tp.slots.iternext.set(Some(|vm, it| {
        let it = it
            .payload::<LongRangeIterator>()
            .expect("a longrange iterator");
        if it.remaining.borrow().is_zero() {
            return Ok(None);
        }
        *it.remaining.borrow_mut() -= 1u8;
        let value = it.next.borrow().clone();
        *it.next.borrow_mut() += &it.step;
        Ok(Some(new_big(vm, value)))
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.longrange_iterator);
    crate::objects::function::add_methods(
        vm,
        &vm.types.longrange_iterator,
        &[("__length_hint__", |vm, args| {
            crate::objects::function::check_arity(vm, "__length_hint__", args, 1, 1)?;
            let n = args.values[0]
                .payload::<LongRangeIterator>()
                .map(|it| it.remaining.borrow().clone())
                .unwrap_or_default();
            Ok(new_big(vm, n))
        })],
    );
}

pub fn new_range_iterator(vm: &Vm, start: i64, step: i64, len: u64) -> Object {
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
