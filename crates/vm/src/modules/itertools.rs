//! `itertools` (Modules/itertoolsmodule.c): iterator building blocks,
//! each a type whose instances are lazy iterators.
//!
//! So far the infinite iterators (count, cycle, repeat) and the ones
//! that end with their input (accumulate, chain, compress, dropwhile,
//! filterfalse, islice, pairwise, starmap, takewhile, zip_longest); the
//! combinatoric ones, groupby and tee are still to come.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::function::NativeFn;
use crate::objects::int::{bind_args, int_value};
use crate::typeobject::{flags, Args, IterNextFn, Layout, NewFn, UnaryFn};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// BINARY_OP's operator number for `+`.
const NB_ADD: u32 = 0;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let types: &[(&str, Layout, NewFn, IterNextFn)] = &[
        (
            "accumulate",
            Layout::Accumulate,
            accumulate_new,
            accumulate_next,
        ),
        ("chain", Layout::Chain, chain_new, chain_next),
        ("compress", Layout::Compress, compress_new, compress_next),
        ("count", Layout::Count, count_new, count_next),
        ("cycle", Layout::Cycle, cycle_new, cycle_next),
        (
            "dropwhile",
            Layout::PredicateIterator,
            dropwhile_new,
            dropwhile_next,
        ),
        (
            "filterfalse",
            Layout::PredicateIterator,
            filterfalse_new,
            filterfalse_next,
        ),
        ("islice", Layout::Islice, islice_new, islice_next),
        ("pairwise", Layout::Pairwise, pairwise_new, pairwise_next),
        ("repeat", Layout::Repeat, repeat_new, repeat_next),
        ("starmap", Layout::Starmap, starmap_new, starmap_next),
        (
            "takewhile",
            Layout::PredicateIterator,
            takewhile_new,
            takewhile_next,
        ),
        (
            "zip_longest",
            Layout::ZipLongest,
            zip_longest_new,
            zip_longest_next,
        ),
    ];
    for &(name, layout, new, next) in types {
        let reprs: &[(&str, UnaryFn)] = &[("count", count_repr), ("repeat", repeat_repr)];
        let repr = reprs.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
        let ty = super::new_type(vm, "itertools", name, layout, flags::BASETYPE, |tp| {
            tp.slots.new.set(Some(new));
            tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
            tp.slots.iternext.set(Some(next));
            if repr.is_some() {
                tp.slots.repr.set(repr);
            }
        });
        if name == "chain" {
            let from_iterable: NativeFn = chain_from_iterable;
            let f =
                crate::objects::function::new_builtin_function(vm, "from_iterable", from_iterable);
            type_payload(&ty).dict.set_str(
                vm,
                vm.intern("from_iterable"),
                crate::objects::descr::new_classmethod(vm, f),
            );
        }
        super::set_attr(vm, module, name, ty);
    }
    Ok(())
}

fn no_keywords(vm: &Vm, ty: &Object, name: &str, args: Args) -> PyResult<()> {
    // Subclasses may take keywords in their own __init__.
    if args.has_keywords() && !type_payload(ty).has_flag(flags::HEAPTYPE) {
        return Err(vm.new_type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// The positional arguments of a constructor taking exactly `n`.
fn exact_args<'a>(
    vm: &Vm,
    ty: &Object,
    name: &str,
    args: Args<'a>,
    n: usize,
) -> PyResult<&'a [Object]> {
    no_keywords(vm, ty, name, args)?;
    let given = args.positional();
    if given.len() != n {
        return Err(vm.new_type_error(format!(
            "{name} expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            given.len()
        )));
    }
    Ok(given)
}

fn payload<T: crate::object::Payload>(it: &Object) -> &T {
    it.payload::<T>()
        .expect("an itertools iterator has its type's payload")
}

// count(start=0, step=1)

#[derive(krait_derive::Traverse)]
pub struct CountObject {
    current: RefCell<Object>,
    step: Object,
}

/// Whether `x` is a number for count(): it converts to int or float, or
/// is complex (`PyNumber_Check`).
fn is_number(vm: &Vm, x: &Object) -> bool {
    let slots = &vm.type_payload_of(x).slots;
    slots.nb_index.get().is_some()
        || slots.nb_int.get().is_some()
        || slots.nb_float.get().is_some()
        || vm.is_instance(x, &vm.types.complex)
}

fn count_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = bind_args(vm, "count", args, &["start", "step"], 2, 0)?;
    let start = bound[0].clone().unwrap_or_else(|| vm.new_int(0));
    let step = bound[1].clone().unwrap_or_else(|| vm.new_int(1));
    if !is_number(vm, &start) || !is_number(vm, &step) {
        return Err(vm.new_type_error("a number is required"));
    }
    Ok(object::alloc(
        ty,
        CountObject {
            current: RefCell::new(start),
            step,
        },
    ))
}

fn count_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let c = payload::<CountObject>(it);
    let current = c.current.borrow().clone();
    let next = crate::protocols::binary_op(vm, &current, &c.step, NB_ADD)?;
    *c.current.borrow_mut() = next;
    Ok(Some(current))
}

fn count_repr(vm: &Vm, it: &Object) -> PyResult {
    let c = payload::<CountObject>(it);
    let name = vm.type_payload_of(it).name();
    let current = vm.repr_string(&c.current.borrow())?;
    let step_is_one = matches!(int_value(&c.step).and_then(|v| v.to_i64()), Some(1));
    if step_is_one {
        return Ok(vm.new_str(&format!("{name}({current})")));
    }
    let step = vm.repr_string(&c.step)?;
    Ok(vm.new_str(&format!("{name}({current}, {step})")))
}

// repeat(object[, times])

#[derive(krait_derive::Traverse)]
pub struct RepeatObject {
    element: Object,
    /// How many are left, or None for ever.
    remaining: Cell<Option<i64>>,
}

fn repeat_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = bind_args(vm, "repeat", args, &["object", "times"], 2, 1)?;
    let element = bound[0].clone().unwrap_or_else(|| vm.none.clone());
    let remaining = match &bound[1] {
        // A negative count repeats nothing.
        Some(times) => Some(crate::objects::getargs::ssize_arg(vm, times)?.max(0)),
        None => None,
    };
    Ok(object::alloc(
        ty,
        RepeatObject {
            element,
            remaining: Cell::new(remaining),
        },
    ))
}

fn repeat_next(_vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let r = payload::<RepeatObject>(it);
    match r.remaining.get() {
        Some(0) => Ok(None),
        Some(n) => {
            r.remaining.set(Some(n - 1));
            Ok(Some(r.element.clone()))
        }
        None => Ok(Some(r.element.clone())),
    }
}

fn repeat_repr(vm: &Vm, it: &Object) -> PyResult {
    let r = payload::<RepeatObject>(it);
    let name = vm.type_payload_of(it).name();
    let element = vm.repr_string(&r.element)?;
    Ok(vm.new_str(&match r.remaining.get() {
        Some(n) => format!("{name}({element}, {n})"),
        None => format!("{name}({element})"),
    }))
}

// cycle(iterable)

#[derive(krait_derive::Traverse)]
pub struct CycleObject {
    iterator: RefCell<Option<Object>>,
    saved: RefCell<Vec<Object>>,
    index: Cell<usize>,
}

fn cycle_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let given = exact_args(vm, ty, "cycle", args, 1)?;
    let iterator = vm.iter(&given[0])?;
    Ok(object::alloc(
        ty,
        CycleObject {
            iterator: RefCell::new(Some(iterator)),
            saved: RefCell::new(Vec::new()),
            index: Cell::new(0),
        },
    ))
}

fn cycle_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let c = payload::<CycleObject>(it);
    let iterator = c.iterator.borrow().clone();
    if let Some(iterator) = iterator {
        if let Some(item) = vm.next(&iterator)? {
            c.saved.borrow_mut().push(item.clone());
            return Ok(Some(item));
        }
        // The input is exhausted: from now on, replay what it gave.
        *c.iterator.borrow_mut() = None;
    }
    let saved = c.saved.borrow();
    if saved.is_empty() {
        return Ok(None);
    }
    let i = c.index.get();
    c.index.set((i + 1) % saved.len());
    Ok(Some(saved[i].clone()))
}

// chain(*iterables), chain.from_iterable(iterable)

#[derive(krait_derive::Traverse)]
pub struct ChainObject {
    /// The iterator over the iterables, None once exhausted.
    source: RefCell<Option<Object>>,
    /// The iterator of the current iterable.
    active: RefCell<Option<Object>>,
}

fn new_chain(ty: &Object, source: Object) -> Object {
    object::alloc(
        ty,
        ChainObject {
            source: RefCell::new(Some(source)),
            active: RefCell::new(None),
        },
    )
}

fn chain_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    no_keywords(vm, ty, "chain", args)?;
    let source = vm.iter(&vm.new_tuple(args.positional().to_vec()))?;
    Ok(new_chain(ty, source))
}

fn chain_from_iterable(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "from_iterable", args, 2, 2)?;
    let source = vm.iter(&args.values[1])?;
    Ok(new_chain(&args.values[0], source))
}

fn chain_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let c = payload::<ChainObject>(it);
    loop {
        let active = c.active.borrow().clone();
        if let Some(active) = active {
            if let Some(item) = vm.next(&active)? {
                return Ok(Some(item));
            }
            *c.active.borrow_mut() = None;
        }
        let source = c.source.borrow().clone();
        let Some(source) = source else {
            return Ok(None);
        };
        match vm.next(&source)? {
            Some(iterable) => *c.active.borrow_mut() = Some(vm.iter(&iterable)?),
            None => {
                *c.source.borrow_mut() = None;
                return Ok(None);
            }
        }
    }
}

// islice(iterable, stop) / islice(iterable, start, stop[, step])

#[derive(krait_derive::Traverse)]
pub struct IsliceObject {
    /// The input, None once the slice is done.
    iterator: RefCell<Option<Object>>,
    /// The index of the next item to give.
    next: Cell<i64>,
    /// The end, or None for no end.
    stop: Option<i64>,
    step: i64,
    /// How many items of the input were read.
    count: Cell<i64>,
}

/// A bound of islice: None or an int in [0, sys.maxsize].
fn islice_bound(vm: &Vm, value: &Object, message: &str) -> PyResult<Option<i64>> {
    if vm.is_none(value) {
        return Ok(None);
    }
    let bad = || vm.new_value_error(message);
    let Some(index) = crate::objects::int::index_object(vm, value).map_err(|_| bad())? else {
        return Err(bad());
    };
    match int_value(&index).and_then(|v| v.to_i64()) {
        Some(n) if n >= 0 => Ok(Some(n)),
        _ => Err(bad()),
    }
}

fn islice_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    no_keywords(vm, ty, "islice", args)?;
    let given = args.positional();
    if !(2..=4).contains(&given.len()) {
        return Err(vm.new_type_error(if given.len() < 2 {
            format!("islice expected at least 2 arguments, got {}", given.len())
        } else {
            format!("islice expected at most 4 arguments, got {}", given.len())
        }));
    }
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (start, stop, step) = if given.len() == 2 {
        (0, islice_bound(vm, &given[1], STOP)?, 1)
    } else {
        let start = islice_bound(vm, &given[1], INDICES)?.unwrap_or(0);
        let stop = islice_bound(vm, &given[2], INDICES)?;
        let step = match given.get(3) {
            Some(s) if !vm.is_none(s) => {
                let bad =
                    || vm.new_value_error("Step for islice() must be a positive integer or None.");
                let Some(index) = crate::objects::int::index_object(vm, s).map_err(|_| bad())?
                else {
                    return Err(bad());
                };
                match int_value(&index).and_then(|v| v.to_i64()) {
                    Some(n) if n >= 1 => n,
                    _ => return Err(bad()),
                }
            }
            _ => 1,
        };
        (start, stop, step)
    };
    let iterator = vm.iter(&given[0])?;
    Ok(object::alloc(
        ty,
        IsliceObject {
            iterator: RefCell::new(Some(iterator)),
            next: Cell::new(start),
            stop,
            step,
            count: Cell::new(0),
        },
    ))
}

fn islice_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let s = payload::<IsliceObject>(it);
    let iterator = s.iterator.borrow().clone();
    let Some(iterator) = iterator else {
        return Ok(None);
    };
    let done = || {
        let old = s.iterator.borrow_mut().take();
        drop(old);
        Ok(None)
    };
    while s.count.get() < s.next.get() {
        if vm.next(&iterator)?.is_none() {
            return done();
        }
        s.count.set(s.count.get() + 1);
    }
    if s.stop.is_some_and(|stop| s.count.get() >= stop) {
        return done();
    }
    let Some(item) = vm.next(&iterator)? else {
        return done();
    };
    s.count.set(s.count.get() + 1);
    let next = s.next.get().checked_add(s.step);
    s.next.set(match (next, s.stop) {
        (Some(n), Some(stop)) if n > stop => stop,
        (Some(n), _) => n,
        (None, stop) => stop.unwrap_or(i64::MAX),
    });
    Ok(Some(item))
}

// accumulate(iterable, func=None, *, initial=None)

#[derive(krait_derive::Traverse)]
pub struct AccumulateObject {
    iterator: Object,
    func: Option<Object>,
    total: RefCell<Option<Object>>,
    /// The initial value, given first.
    initial: RefCell<Option<Object>>,
}

fn accumulate_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = bind_args(
        vm,
        "accumulate",
        args,
        &["iterable", "func", "initial"],
        2,
        1,
    )?;
    let iterator = vm.iter(bound[0].as_ref().unwrap_or(&vm.none))?;
    let func = bound[1].clone().filter(|f| !vm.is_none(f));
    let initial = bound[2].clone().filter(|i| !vm.is_none(i));
    Ok(object::alloc(
        ty,
        AccumulateObject {
            iterator,
            func,
            total: RefCell::new(None),
            initial: RefCell::new(initial),
        },
    ))
}

fn accumulate_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let a = payload::<AccumulateObject>(it);
    let initial = a.initial.borrow_mut().take();
    if let Some(initial) = initial {
        *a.total.borrow_mut() = Some(initial.clone());
        return Ok(Some(initial));
    }
    let Some(item) = vm.next(&a.iterator)? else {
        return Ok(None);
    };
    let total = a.total.borrow().clone();
    let total = match (total, &a.func) {
        (None, _) => item,
        (Some(total), None) => crate::protocols::binary_op(vm, &total, &item, NB_ADD)?,
        (Some(total), Some(f)) => vm.call(f, Args::positional_only(&[total, item]))?,
    };
    *a.total.borrow_mut() = Some(total.clone());
    Ok(Some(total))
}

// starmap(function, iterable)

#[derive(krait_derive::Traverse)]
pub struct StarmapObject {
    function: Object,
    iterator: Object,
}

fn starmap_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let given = exact_args(vm, ty, "starmap", args, 2)?;
    let iterator = vm.iter(&given[1])?;
    Ok(object::alloc(
        ty,
        StarmapObject {
            function: given[0].clone(),
            iterator,
        },
    ))
}

fn starmap_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let s = payload::<StarmapObject>(it);
    let Some(item) = vm.next(&s.iterator)? else {
        return Ok(None);
    };
    let arguments = vm.collect_iterable(&item)?;
    vm.call(&s.function, Args::positional_only(&arguments))
        .map(Some)
}

// takewhile, dropwhile, filterfalse: a predicate and an input

#[derive(krait_derive::Traverse)]
pub struct PredicateIterator {
    predicate: Object,
    iterator: Object,
    /// takewhile: the predicate failed; dropwhile: it failed once.
    done: Cell<bool>,
}

fn predicate_new(vm: &Vm, ty: &Object, name: &str, args: Args) -> PyResult {
    let given = exact_args(vm, ty, name, args, 2)?;
    let iterator = vm.iter(&given[1])?;
    Ok(object::alloc(
        ty,
        PredicateIterator {
            predicate: given[0].clone(),
            iterator,
            done: Cell::new(false),
        },
    ))
}

fn test(vm: &Vm, p: &PredicateIterator, item: &Object) -> PyResult<bool> {
    let result = vm.call(
        &p.predicate,
        Args::positional_only(std::slice::from_ref(item)),
    )?;
    vm.is_true(&result)
}

fn takewhile_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    predicate_new(vm, ty, "takewhile", args)
}

fn takewhile_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let p = payload::<PredicateIterator>(it);
    if p.done.get() {
        return Ok(None);
    }
    let Some(item) = vm.next(&p.iterator)? else {
        return Ok(None);
    };
    if test(vm, p, &item)? {
        return Ok(Some(item));
    }
    p.done.set(true);
    Ok(None)
}

fn dropwhile_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    predicate_new(vm, ty, "dropwhile", args)
}

fn dropwhile_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let p = payload::<PredicateIterator>(it);
    while let Some(item) = vm.next(&p.iterator)? {
        if p.done.get() || !test(vm, p, &item)? {
            p.done.set(true);
            return Ok(Some(item));
        }
    }
    Ok(None)
}

fn filterfalse_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    predicate_new(vm, ty, "filterfalse", args)
}

fn filterfalse_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let p = payload::<PredicateIterator>(it);
    while let Some(item) = vm.next(&p.iterator)? {
        // None as the predicate means the items' own truth.
        let keep = if vm.is_none(&p.predicate) {
            !vm.is_true(&item)?
        } else {
            !test(vm, p, &item)?
        };
        if keep {
            return Ok(Some(item));
        }
    }
    Ok(None)
}

// compress(data, selectors)

#[derive(krait_derive::Traverse)]
pub struct CompressObject {
    data: Object,
    selectors: Object,
}

fn compress_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = bind_args(vm, "compress", args, &["data", "selectors"], 2, 2)?;
    let data = vm.iter(bound[0].as_ref().unwrap_or(&vm.none))?;
    let selectors = vm.iter(bound[1].as_ref().unwrap_or(&vm.none))?;
    Ok(object::alloc(ty, CompressObject { data, selectors }))
}

fn compress_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let c = payload::<CompressObject>(it);
    loop {
        let Some(item) = vm.next(&c.data)? else {
            return Ok(None);
        };
        let Some(selector) = vm.next(&c.selectors)? else {
            return Ok(None);
        };
        if vm.is_true(&selector)? {
            return Ok(Some(item));
        }
    }
}

// pairwise(iterable)

#[derive(krait_derive::Traverse)]
pub struct PairwiseObject {
    /// The input, None once exhausted.
    iterator: RefCell<Option<Object>>,
    previous: RefCell<Option<Object>>,
}

fn pairwise_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let given = exact_args(vm, ty, "pairwise", args, 1)?;
    let iterator = vm.iter(&given[0])?;
    Ok(object::alloc(
        ty,
        PairwiseObject {
            iterator: RefCell::new(Some(iterator)),
            previous: RefCell::new(None),
        },
    ))
}

fn pairwise_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let p = payload::<PairwiseObject>(it);
    let iterator = p.iterator.borrow().clone();
    let Some(iterator) = iterator else {
        return Ok(None);
    };
    let previous = p.previous.borrow().clone();
    let previous = match previous {
        Some(previous) => previous,
        None => match vm.next(&iterator)? {
            Some(first) => first,
            None => {
                *p.iterator.borrow_mut() = None;
                return Ok(None);
            }
        },
    };
    let Some(item) = vm.next(&iterator)? else {
        *p.iterator.borrow_mut() = None;
        *p.previous.borrow_mut() = None;
        return Ok(None);
    };
    *p.previous.borrow_mut() = Some(item.clone());
    Ok(Some(vm.new_tuple(vec![previous, item])))
}

// zip_longest(*iterables, fillvalue=None)

#[derive(krait_derive::Traverse)]
pub struct ZipLongestObject {
    /// The inputs, None for each exhausted one.
    iterators: RefCell<Vec<Option<Object>>>,
    fillvalue: Object,
}

fn zip_longest_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let mut fillvalue = vm.none.clone();
    for (name, value) in args.keywords() {
        if crate::objects::str::as_rust_str(name) != "fillvalue" {
            return Err(vm.new_type_error("zip_longest() got an unexpected keyword argument"));
        }
        fillvalue = value.clone();
    }
    let iterators = args
        .positional()
        .iter()
        .map(|o| vm.iter(o).map(Some))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(object::alloc(
        ty,
        ZipLongestObject {
            iterators: RefCell::new(iterators),
            fillvalue,
        },
    ))
}

fn zip_longest_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let z = payload::<ZipLongestObject>(it);
    let iterators = z.iterators.borrow().clone();
    if iterators.iter().all(Option::is_none) {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(iterators.len());
    for (i, iterator) in iterators.iter().enumerate() {
        let item = match iterator {
            Some(iterator) => match vm.next(iterator)? {
                Some(item) => item,
                None => {
                    z.iterators.borrow_mut()[i] = None;
                    if z.iterators.borrow().iter().all(Option::is_none) {
                        return Ok(None);
                    }
                    z.fillvalue.clone()
                }
            },
            None => z.fillvalue.clone(),
        };
        items.push(item);
    }
    Ok(Some(vm.new_tuple(items)))
}
