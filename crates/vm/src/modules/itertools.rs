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
        ("product", Layout::Product, product_new, product_next),
        (
            "permutations",
            Layout::Permutations,
            permutations_new,
            permutations_next,
        ),
        (
            "combinations",
            Layout::Combinations,
            combinations_new,
            combinations_next,
        ),
        (
            "combinations_with_replacement",
            Layout::Combinations,
            combinations_with_replacement_new,
            combinations_with_replacement_next,
        ),
        ("groupby", Layout::GroupBy, groupby_new, groupby_next),
        ("_grouper", Layout::Grouper, no_new, grouper_next),
        ("_tee", Layout::Tee, tee_new, tee_next),
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
        if name == "_tee" {
            crate::objects::function::add_methods(vm, &ty, &[("__copy__", tee_copy)]);
            vm.module_state
                .borrow_mut()
                .insert("itertools._tee", ty.clone());
        }
        if name == "_grouper" {
            vm.module_state
                .borrow_mut()
                .insert("itertools._grouper", ty.clone());
        }
        super::set_attr(vm, module, name, ty);
    }
    let data = super::new_type(
        vm,
        "itertools",
        "_tee_dataobject",
        Layout::TeeData,
        0,
        |tp| {
            tp.slots.new.set(Some(no_new));
        },
    );
    vm.module_state
        .borrow_mut()
        .insert("itertools._tee_dataobject", data.clone());
    super::set_attr(vm, module, "_tee_dataobject", data);
    super::add_functions(vm, module, &[("tee", tee)]);
    Ok(())
}

/// The constructor of a type Python code does not make.
fn no_new(vm: &Vm, ty: &Object, _: Args) -> PyResult {
    Err(vm.new_type_error(format!(
        "cannot create '{}' instances",
        type_payload(ty).tp_name(vm)
    )))
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

// product(*iterables, repeat=1)

#[derive(krait_derive::Traverse)]
pub struct ProductObject {
    pools: Vec<Vec<Object>>,
    /// The index into each pool of the last result's items.
    #[traverse(skip)]
    indices: RefCell<Vec<usize>>,
    /// The last result, None before the first.
    result: RefCell<Option<Vec<Object>>>,
    done: Cell<bool>,
}

fn product_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let mut repeat = 1;
    for (name, value) in args.keywords() {
        let name = crate::objects::str::as_rust_str(name);
        if name != "repeat" {
            return Err(vm.new_type_error(format!(
                "'{name}' is an invalid keyword argument for product()"
            )));
        }
        repeat = crate::objects::getargs::ssize_arg(vm, value)?;
        if repeat < 0 {
            return Err(vm.new_value_error("repeat argument cannot be negative"));
        }
    }
    let given = args
        .positional()
        .iter()
        .map(|iterable| vm.collect_iterable(iterable))
        .collect::<PyResult<Vec<_>>>()?;
    let count = given.len().checked_mul(repeat as usize);
    let Some(count) = count.filter(|&c| c <= isize::MAX as usize / 8) else {
        return Err(vm.new_overflow_error("repeat argument too large"));
    };
    let pools: Vec<Vec<Object>> = (0..count).map(|i| given[i % given.len()].clone()).collect();
    Ok(object::alloc(
        ty,
        ProductObject {
            indices: RefCell::new(vec![0; pools.len()]),
            pools,
            result: RefCell::new(None),
            done: Cell::new(false),
        },
    ))
}

fn product_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let p = payload::<ProductObject>(it);
    if p.done.get() {
        return Ok(None);
    }
    let mut result = p.result.borrow_mut();
    let Some(items) = result.as_mut() else {
        if p.pools.iter().any(Vec::is_empty) {
            p.done.set(true);
            return Ok(None);
        }
        let first: Vec<Object> = p.pools.iter().map(|pool| pool[0].clone()).collect();
        *result = Some(first.clone());
        return Ok(Some(vm.new_tuple(first)));
    };
    let mut indices = p.indices.borrow_mut();
    // Advance the rightmost pool that is not at its end, restarting
    // those after it, as an odometer.
    let mut i = p.pools.len();
    loop {
        if i == 0 {
            p.done.set(true);
            return Ok(None);
        }
        i -= 1;
        let pool = &p.pools[i];
        indices[i] += 1;
        if indices[i] < pool.len() {
            items[i] = pool[indices[i]].clone();
            break;
        }
        indices[i] = 0;
        items[i] = pool[0].clone();
    }
    Ok(Some(vm.new_tuple(items.clone())))
}

// combinations(iterable, r), combinations_with_replacement(iterable, r)

#[derive(krait_derive::Traverse)]
pub struct CombinationsObject {
    pool: Vec<Object>,
    #[traverse(skip)]
    indices: RefCell<Vec<usize>>,
    /// Whether the first result was given.
    started: Cell<bool>,
    done: Cell<bool>,
}

fn combinations_args(vm: &Vm, ty: &Object, name: &str, args: Args) -> PyResult {
    let bound = bind_args(vm, name, args, &["iterable", "r"], 2, 2)?;
    let pool = vm.collect_iterable(bound[0].as_ref().unwrap_or(&vm.none))?;
    let r = crate::objects::getargs::ssize_arg(vm, bound[1].as_ref().unwrap_or(&vm.none))?;
    if r < 0 {
        return Err(vm.new_value_error("r must be non-negative"));
    }
    let r = r as usize;
    let with_replacement = name == "combinations_with_replacement";
    let indices = if with_replacement {
        vec![0; r]
    } else {
        (0..r).collect()
    };
    // Nothing to give: more items than the pool has, without
    // replacement, or any from an empty pool.
    let done = if with_replacement {
        pool.is_empty() && r > 0
    } else {
        r > pool.len()
    };
    Ok(object::alloc(
        ty,
        CombinationsObject {
            pool,
            indices: RefCell::new(indices),
            started: Cell::new(false),
            done: Cell::new(done),
        },
    ))
}

fn combinations_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    combinations_args(vm, ty, "combinations", args)
}

fn combinations_with_replacement_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    combinations_args(vm, ty, "combinations_with_replacement", args)
}

/// The next combination: `advance` moves the indices on, or says there
/// are no more.
fn next_combination(
    vm: &Vm,
    it: &Object,
    advance: fn(&mut [usize], usize) -> bool,
) -> PyResult<Option<Object>> {
    let c = payload::<CombinationsObject>(it);
    if c.done.get() {
        return Ok(None);
    }
    let mut indices = c.indices.borrow_mut();
    if c.started.get() && !advance(&mut indices, c.pool.len()) {
        c.done.set(true);
        return Ok(None);
    }
    c.started.set(true);
    let items = indices.iter().map(|&i| c.pool[i].clone()).collect();
    Ok(Some(vm.new_tuple(items)))
}

fn combinations_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    next_combination(vm, it, |indices, n| {
        let r = indices.len();
        // The rightmost index that is not at its highest.
        let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else {
            return false;
        };
        indices[i] += 1;
        for j in i + 1..r {
            indices[j] = indices[j - 1] + 1;
        }
        true
    })
}

fn combinations_with_replacement_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    next_combination(vm, it, |indices, n| {
        let Some(i) = (0..indices.len()).rev().find(|&i| indices[i] != n - 1) else {
            return false;
        };
        let index = indices[i] + 1;
        indices[i..].fill(index);
        true
    })
}

// permutations(iterable, r=None)

#[derive(krait_derive::Traverse)]
pub struct PermutationsObject {
    pool: Vec<Object>,
    #[traverse(skip)]
    r: usize,
    #[traverse(skip)]
    indices: RefCell<Vec<usize>>,
    #[traverse(skip)]
    cycles: RefCell<Vec<usize>>,
    started: Cell<bool>,
    done: Cell<bool>,
}

fn permutations_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = bind_args(vm, "permutations", args, &["iterable", "r"], 2, 1)?;
    let pool = vm.collect_iterable(bound[0].as_ref().unwrap_or(&vm.none))?;
    let n = pool.len();
    let r = match &bound[1] {
        Some(r) if !vm.is_none(r) => {
            let Some(r) = crate::objects::int::index_value(vm, r)
                .ok()
                .flatten()
                .filter(|_| int_value(r).is_some())
            else {
                return Err(vm.new_type_error("Expected int as r"));
            };
            if r < 0 {
                return Err(vm.new_value_error("r must be non-negative"));
            }
            r as usize
        }
        _ => n,
    };
    Ok(object::alloc(
        ty,
        PermutationsObject {
            pool,
            r,
            indices: RefCell::new((0..n).collect()),
            cycles: RefCell::new((0..r.min(n)).map(|i| n - i).collect()),
            started: Cell::new(false),
            done: Cell::new(r > n),
        },
    ))
}

fn permutations_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let p = payload::<PermutationsObject>(it);
    if p.done.get() {
        return Ok(None);
    }
    let n = p.pool.len();
    let mut indices = p.indices.borrow_mut();
    if p.started.get() {
        let mut cycles = p.cycles.borrow_mut();
        // Rotate the tail at the rightmost position whose cycle runs
        // out, swap at the first that does not.
        let mut advanced = false;
        for i in (0..p.r).rev() {
            cycles[i] -= 1;
            if cycles[i] == 0 {
                indices[i..].rotate_left(1);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                advanced = true;
                break;
            }
        }
        if !advanced {
            p.done.set(true);
            return Ok(None);
        }
    }
    p.started.set(true);
    let items = indices[..p.r].iter().map(|&i| p.pool[i].clone()).collect();
    Ok(Some(vm.new_tuple(items)))
}

// groupby(iterable, key=None)

#[derive(krait_derive::Traverse)]
pub struct GroupByObject {
    iterator: Object,
    key: Option<Object>,
    /// The key of the group being given.
    target_key: RefCell<Option<Object>>,
    /// The last item read, and its key.
    current_key: RefCell<Option<Object>>,
    current_value: RefCell<Option<Object>>,
    /// The id of the grouper of the current group: an earlier one is
    /// exhausted.
    #[traverse(skip)]
    current_grouper: Cell<usize>,
}

#[derive(krait_derive::Traverse)]
pub struct GrouperObject {
    parent: Object,
    target_key: Object,
}

fn groupby_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let bound = crate::objects::getargs::bind(vm, "groupby", args, false, &["iterable", "key"], 1)?;
    let iterator = vm.iter(bound[0].as_ref().unwrap_or(&vm.none))?;
    let key = bound[1].clone().filter(|k| !vm.is_none(k));
    Ok(object::alloc(
        ty,
        GroupByObject {
            iterator,
            key,
            target_key: RefCell::new(None),
            current_key: RefCell::new(None),
            current_value: RefCell::new(None),
            current_grouper: Cell::new(0),
        },
    ))
}

/// Reads the next item and its key; false at the end of the input.
fn groupby_step(vm: &Vm, g: &GroupByObject) -> PyResult<bool> {
    let Some(value) = vm.next(&g.iterator)? else {
        return Ok(false);
    };
    let key = match &g.key {
        Some(f) => vm.call(f, Args::positional_only(std::slice::from_ref(&value)))?,
        None => value.clone(),
    };
    let old_value = g.current_value.replace(Some(value));
    let old_key = g.current_key.replace(Some(key));
    drop((old_value, old_key));
    Ok(true)
}

fn groupby_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let g = payload::<GroupByObject>(it);
    g.current_grouper.set(0);
    // Skip what is left of the current group.
    loop {
        let current = g.current_key.borrow().clone();
        let target = g.target_key.borrow().clone();
        match (current, target) {
            (Some(_), None) => break,
            (Some(current), Some(target)) if !vm.eq(&target, &current)? => break,
            _ => {}
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let key = g.current_key.borrow().clone().expect("a key was read");
    let old = g.target_key.replace(Some(key.clone()));
    drop(old);
    let grouper = object::alloc(
        &state_type(vm, "itertools._grouper"),
        GrouperObject {
            parent: it.clone(),
            target_key: key.clone(),
        },
    );
    g.current_grouper.set(grouper.id());
    Ok(Some(vm.new_tuple(vec![key, grouper])))
}

/// One of the types `init` keeps in the module state.
fn state_type(vm: &Vm, key: &str) -> Object {
    vm.module_state
        .borrow()
        .get(key)
        .cloned()
        .expect("itertools made its types")
}

fn grouper_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let grouper = payload::<GrouperObject>(it);
    let g = payload::<GroupByObject>(&grouper.parent);
    if g.current_grouper.get() != it.id() {
        return Ok(None);
    }
    if g.current_value.borrow().is_none() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    let current = g.current_key.borrow().clone().expect("a key was read");
    if !vm.eq(&grouper.target_key, &current)? {
        return Ok(None);
    }
    let value = g.current_value.take();
    let key = g.current_key.take();
    drop(key);
    Ok(value)
}

// tee(iterable, n=2), and its iterators sharing what they read

/// How many items a link of the shared buffer holds (`LINKCELLS`).
const LINK_CELLS: usize = 57;

/// A link of the buffer of items the tees of one input share: read once
/// from the input, kept until every tee has passed them.
#[derive(krait_derive::Traverse)]
pub struct TeeDataObject {
    iterator: Object,
    values: RefCell<Vec<Object>>,
    next: RefCell<Option<Object>>,
    /// Set while reading from the input, which may not reenter.
    running: Cell<bool>,
}

impl Drop for TeeDataObject {
    /// Frees the links after this one in a loop rather than by
    /// recursion, which a long buffer would take too deep.
    fn drop(&mut self) {
        let mut next = self.next.get_mut().take();
        while let Some(link) = next {
            if link.refcount() != 1 {
                break;
            }
            next = link
                .payload::<TeeDataObject>()
                .and_then(|d| d.next.borrow_mut().take());
        }
    }
}

#[derive(krait_derive::Traverse)]
pub struct TeeObject {
    data: RefCell<Object>,
    #[traverse(skip)]
    index: Cell<usize>,
}

fn new_tee_data(vm: &Vm, iterator: Object) -> Object {
    object::alloc(
        &state_type(vm, "itertools._tee_dataobject"),
        TeeDataObject {
            iterator,
            values: RefCell::new(Vec::new()),
            next: RefCell::new(None),
            running: Cell::new(false),
        },
    )
}

/// A tee over `iterable` (`tee_fromiterable`): a copy if it is a tee.
fn tee_from_iterable(vm: &Vm, ty: &Object, iterable: &Object) -> PyResult {
    let iterator = vm.iter(iterable)?;
    if let Some(t) = iterator.payload::<TeeObject>() {
        return Ok(copy_tee(ty, t));
    }
    let data = new_tee_data(vm, iterator);
    Ok(object::alloc(
        ty,
        TeeObject {
            data: RefCell::new(data),
            index: Cell::new(0),
        },
    ))
}

fn copy_tee(ty: &Object, t: &TeeObject) -> Object {
    object::alloc(
        ty,
        TeeObject {
            data: RefCell::new(t.data.borrow().clone()),
            index: Cell::new(t.index.get()),
        },
    )
}

fn tee_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let given = exact_args(vm, ty, "_tee", args, 1)?;
    tee_from_iterable(vm, ty, &given[0])
}

fn tee_copy(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "__copy__", args, 1, 1)?;
    let this = &args.values[0];
    let Some(t) = this.payload::<TeeObject>() else {
        return Err(vm.new_type_error("descriptor '__copy__' requires an 'itertools._tee' object"));
    };
    Ok(copy_tee(vm.type_of(this), t))
}

fn tee_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let t = payload::<TeeObject>(it);
    if t.index.get() >= LINK_CELLS {
        let data = t.data.borrow().clone();
        let d = payload::<TeeDataObject>(&data);
        let next = d.next.borrow().clone();
        let next = match next {
            Some(next) => next,
            None => {
                let link = new_tee_data(vm, d.iterator.clone());
                *d.next.borrow_mut() = Some(link.clone());
                link
            }
        };
        let old = t.data.replace(next);
        drop(old);
        t.index.set(0);
    }
    let data = t.data.borrow().clone();
    let d = payload::<TeeDataObject>(&data);
    let i = t.index.get();
    let known = d.values.borrow().get(i).cloned();
    let value = match known {
        Some(value) => value,
        None => {
            if d.running.get() {
                return Err(vm.new_runtime_error("cannot re-enter the tee iterator"));
            }
            d.running.set(true);
            let read = vm.next(&d.iterator);
            d.running.set(false);
            let Some(value) = read? else {
                return Ok(None);
            };
            d.values.borrow_mut().push(value.clone());
            value
        }
    };
    t.index.set(i + 1);
    Ok(Some(value))
}

/// `tee(iterable, n=2)`: n iterators over one input, copies of its own
/// iterator if that can be copied.
fn tee(vm: &Vm, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("itertools.tee() takes no keyword arguments"));
    }
    crate::objects::function::check_function_arity(vm, "tee", args, 1, 2)?;
    let n = match args.values.get(1) {
        Some(n) => crate::objects::getargs::ssize_arg(vm, n)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.new_value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(vm.empty_tuple.clone());
    }
    let iterator = vm.iter(&args.values[0])?;
    let copy_name = vm.intern("__copy__");
    let (first, copy) = match vm.getattr_opt(&iterator, &copy_name)? {
        Some(copy) => (iterator, copy),
        None => {
            let ty = state_type(vm, "itertools._tee");
            let first = tee_from_iterable(vm, &ty, &iterator)?;
            let copy = vm.getattr(&first, &copy_name)?;
            (first, copy)
        }
    };
    let mut result = vec![first];
    for _ in 1..n {
        result.push(vm.call(&copy, Args::positional_only(&[]))?);
    }
    Ok(vm.new_tuple(result))
}
