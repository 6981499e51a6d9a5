//! `_collections` (Modules/_collectionsmodule.c): `deque`, the
//! double-ended queue, and `defaultdict`, the dict that makes missing
//! values; Lib/collections re-exports both as `collections.deque` and
//! `collections.defaultdict`, with `_count_elements` for `Counter`.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::function::{add_methods, check_arity, NativeFn};
use crate::recursion::ReprGuard;
use crate::typeobject::{flags, Args, CompareOp, Layout};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// The payload of a deque: its items, its bound, and a count of
/// mutations so that iterators notice them.
#[derive(krait_derive::Traverse)]
pub struct DequeObject {
    items: RefCell<VecDeque<Object>>,
    maxlen: Cell<Option<usize>>,
    state: Cell<u64>,
}

impl DequeObject {
    fn new() -> DequeObject {
        DequeObject {
            items: RefCell::new(VecDeque::new()),
            maxlen: Cell::new(None),
            state: Cell::new(0),
        }
    }

    fn mutated(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    /// Appends at the right, dropping from the left past the bound.
    fn push_back(&self, item: Object) {
        let dropped = {
            let mut items = self.items.borrow_mut();
            items.push_back(item);
            match self.maxlen.get() {
                Some(max) if items.len() > max => items.pop_front(),
                _ => None,
            }
        };
        self.mutated();
        drop(dropped);
    }

    fn push_front(&self, item: Object) {
        let dropped = {
            let mut items = self.items.borrow_mut();
            items.push_front(item);
            match self.maxlen.get() {
                Some(max) if items.len() > max => items.pop_back(),
                _ => None,
            }
        };
        self.mutated();
        drop(dropped);
    }

    fn snapshot(&self) -> Vec<Object> {
        self.items.borrow().iter().cloned().collect()
    }
}

/// An iterator over a deque, either way.
#[derive(krait_derive::Traverse)]
pub struct DequeIterator {
    deque: Object,
    index: Cell<usize>,
    state: u64,
    reversed: bool,
}

fn deque_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a DequeObject> {
    o.payload::<DequeObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'collections.deque' object but received a '{}'",
            vm.type_name(o)
        ))
    })
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let deque = super::new_type(
        vm,
        "collections",
        "deque",
        Layout::Deque,
        flags::BASETYPE | flags::SEQUENCE,
        |tp| {
            tp.slots.new.set(Some(|_, ty, _| {
                Ok(crate::object::alloc(ty, DequeObject::new()))
            }));
            tp.slots.init.set(Some(deque_init));
            tp.slots.repr.set(Some(deque_repr));
            tp.slots
                .length
                .set(Some(|vm, o| Ok(deque_of(vm, o)?.items.borrow().len())));
            tp.slots.iter.set(Some(|vm, o| new_iterator(vm, o, false)));
            tp.slots.richcompare.set(Some(deque_richcompare));
            tp.slots.getitem.set(Some(deque_getitem));
            tp.slots.setitem.set(Some(deque_setitem));
            tp.slots.sq_contains.set(Some(|vm, o, x| {
                for item in deque_of(vm, o)?.snapshot() {
                    if item.is(x) || vm.eq(&item, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }));
            tp.slots.nb_add.set(Some(deque_concat));
            tp.slots.nb_inplace_add.set(Some(|vm, a, b| {
                extend(vm, a, b)?;
                Ok(a.clone())
            }));
            tp.slots
                .nb_multiply
                .set(Some(|vm, a, n| deque_repeat(vm, a, n, false)));
            tp.slots
                .nb_inplace_multiply
                .set(Some(|vm, a, n| deque_repeat(vm, a, n, true)));
        },
    );
    type_payload(&deque).slots.hash.set(None);
    type_payload(&deque)
        .dict
        .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
    add_methods(vm, &deque, DEQUE_METHODS);
    crate::objects::descr::add_getset(
        vm,
        &deque,
        "maxlen",
        |vm, o| {
            Ok(match deque_of(vm, o)?.maxlen.get() {
                Some(n) => vm.new_int(n as i64),
                None => vm.none.clone(),
            })
        },
        None,
    );
    crate::objects::genericalias::add_class_getitem(vm, &deque);
    let iterator_next: crate::typeobject::IterNextFn = deque_iterator_next;
    for name in ["_deque_iterator", "_deque_reverse_iterator"] {
        let ty = super::new_type(vm, "collections", name, Layout::DequeIterator, 0, |tp| {
            tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
            tp.slots.iternext.set(Some(iterator_next));
        });
        super::set_attr(vm, module, name, ty);
    }
    super::set_attr(vm, module, "deque", deque);
    super::set_attr(vm, module, "defaultdict", defaultdict_type(vm)?);
    super::add_functions(vm, module, &[("_count_elements", count_elements)]);
    Ok(())
}

static DEQUE_METHODS: &[(&str, NativeFn)] = &[
    ("append", |vm, args| {
        check_arity(vm, "append", args, 2, 2)?;
        deque_of(vm, &args.values[0])?.push_back(args.values[1].clone());
        Ok(vm.none.clone())
    }),
    ("appendleft", |vm, args| {
        check_arity(vm, "appendleft", args, 2, 2)?;
        deque_of(vm, &args.values[0])?.push_front(args.values[1].clone());
        Ok(vm.none.clone())
    }),
    ("pop", |vm, args| {
        check_arity(vm, "pop", args, 1, 1)?;
        let d = deque_of(vm, &args.values[0])?;
        let item = d.items.borrow_mut().pop_back();
        d.mutated();
        item.ok_or_else(|| vm.new_index_error("pop from an empty deque"))
    }),
    ("popleft", |vm, args| {
        check_arity(vm, "popleft", args, 1, 1)?;
        let d = deque_of(vm, &args.values[0])?;
        let item = d.items.borrow_mut().pop_front();
        d.mutated();
        item.ok_or_else(|| vm.new_index_error("pop from an empty deque"))
    }),
    ("extend", |vm, args| {
        check_arity(vm, "extend", args, 2, 2)?;
        extend(vm, &args.values[0], &args.values[1])?;
        Ok(vm.none.clone())
    }),
    ("extendleft", |vm, args| {
        check_arity(vm, "extendleft", args, 2, 2)?;
        let d = deque_of(vm, &args.values[0])?;
        for item in vm.collect_iterable(&args.values[1])? {
            d.push_front(item);
        }
        Ok(vm.none.clone())
    }),
    ("clear", |vm, args| {
        check_arity(vm, "clear", args, 1, 1)?;
        let d = deque_of(vm, &args.values[0])?;
        let old = std::mem::take(&mut *d.items.borrow_mut());
        d.mutated();
        drop(old);
        Ok(vm.none.clone())
    }),
    ("copy", |vm, args| {
        check_arity(vm, "copy", args, 1, 1)?;
        copy(vm, &args.values[0])
    }),
    ("__copy__", |vm, args| {
        check_arity(vm, "__copy__", args, 1, 1)?;
        copy(vm, &args.values[0])
    }),
    ("count", |vm, args| {
        check_arity(vm, "count", args, 2, 2)?;
        let d = deque_of(vm, &args.values[0])?;
        let state = d.state.get();
        let mut n = 0;
        for item in d.snapshot() {
            if item.is(&args.values[1]) || vm.eq(&item, &args.values[1])? {
                n += 1;
            }
            if d.state.get() != state {
                return Err(vm.new_runtime_error("deque mutated during iteration"));
            }
        }
        Ok(vm.new_int(n))
    }),
    ("index", deque_index),
    ("insert", |vm, args| {
        check_arity(vm, "insert", args, 3, 3)?;
        let d = deque_of(vm, &args.values[0])?;
        let index = crate::objects::getargs::ssize_arg(vm, &args.values[1])?;
        let len = d.items.borrow().len();
        if d.maxlen.get() == Some(len) {
            return Err(vm.new_index_error("deque already at its maximum size"));
        }
        let at = if index < 0 {
            (index + len as i64).max(0) as usize
        } else {
            (index as usize).min(len)
        };
        d.items.borrow_mut().insert(at, args.values[2].clone());
        d.mutated();
        Ok(vm.none.clone())
    }),
    ("remove", |vm, args| {
        check_arity(vm, "remove", args, 2, 2)?;
        let d = deque_of(vm, &args.values[0])?;
        for (i, item) in d.snapshot().into_iter().enumerate() {
            if item.is(&args.values[1]) || vm.eq(&item, &args.values[1])? {
                let removed = d.items.borrow_mut().remove(i);
                d.mutated();
                drop(removed);
                return Ok(vm.none.clone());
            }
        }
        Err(vm.new_value_error(format!(
            "{} is not in deque",
            vm.repr_string(&args.values[1])?
        )))
    }),
    ("reverse", |vm, args| {
        check_arity(vm, "reverse", args, 1, 1)?;
        let d = deque_of(vm, &args.values[0])?;
        d.items.borrow_mut().make_contiguous().reverse();
        d.mutated();
        Ok(vm.none.clone())
    }),
    ("rotate", |vm, args| {
        check_arity(vm, "rotate", args, 1, 2)?;
        let d = deque_of(vm, &args.values[0])?;
        let n = match args.values.get(1) {
            Some(n) => crate::objects::getargs::ssize_arg(vm, n)?,
            None => 1,
        };
        let mut items = d.items.borrow_mut();
        let len = items.len() as i64;
        if len > 1 {
            let k = n.rem_euclid(len) as usize;
            items.rotate_right(k);
        }
        drop(items);
        d.mutated();
        Ok(vm.none.clone())
    }),
    ("__reversed__", |vm, args| {
        check_arity(vm, "__reversed__", args, 1, 1)?;
        new_iterator(vm, &args.values[0], true)
    }),
    ("__reduce__", |vm, args| {
        check_arity(vm, "__reduce__", args, 1, 1)?;
        let this = &args.values[0];
        let d = deque_of(vm, this)?;
        let maxlen = match d.maxlen.get() {
            Some(n) => vm.new_int(n as i64),
            None => vm.none.clone(),
        };
        let items = vm.new_list(d.snapshot());
        Ok(vm.new_tuple(vec![
            vm.type_of(this).clone(),
            vm.new_tuple(vec![items, maxlen]),
        ]))
    }),
    ("__delitem__", |vm, args| {
        check_arity(vm, "__delitem__", args, 2, 2)?;
        deque_setitem(vm, &args.values[0], &args.values[1], None)?;
        Ok(vm.none.clone())
    }),
];

/// `deque(iterable=(), maxlen=None)`; `__init__` again clears first.
fn deque_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    let bound =
        crate::objects::getargs::bind(vm, "deque", args, false, &["iterable", "maxlen"], 0)?;
    let d = deque_of(vm, this)?;
    let maxlen = match bound[1].as_ref().filter(|m| !vm.is_none(m)) {
        Some(m) => {
            let Some(n) = crate::objects::int::index_value(vm, m)? else {
                return Err(vm.new_type_error("an integer is required"));
            };
            if n < 0 {
                return Err(vm.new_value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
        None => None,
    };
    d.maxlen.set(maxlen);
    let old = std::mem::take(&mut *d.items.borrow_mut());
    d.mutated();
    drop(old);
    if let Some(iterable) = &bound[0] {
        extend(vm, this, iterable)?;
    }
    Ok(())
}

fn extend(vm: &Vm, this: &Object, iterable: &Object) -> PyResult<()> {
    let d = deque_of(vm, this)?;
    // Extending a deque with itself reads a snapshot first.
    let items = if iterable.is(this) {
        d.snapshot()
    } else {
        vm.collect_iterable(iterable)?
    };
    for item in items {
        d.push_back(item);
    }
    Ok(())
}

fn copy(vm: &Vm, this: &Object) -> PyResult {
    let d = deque_of(vm, this)?;
    let maxlen = match d.maxlen.get() {
        Some(n) => vm.new_int(n as i64),
        None => vm.none.clone(),
    };
    let items = vm.new_list(d.snapshot());
    vm.call(vm.type_of(this), Args::positional_only(&[items, maxlen]))
}

fn deque_repr(vm: &Vm, this: &Object) -> PyResult {
    let d = deque_of(vm, this)?;
    let name = crate::object::type_payload(vm.type_of(this)).name();
    let Some(_guard) = ReprGuard::enter(vm, this) else {
        return Ok(vm.new_str("[...]"));
    };
    let parts = d
        .snapshot()
        .iter()
        .map(|item| vm.repr_string(item))
        .collect::<PyResult<Vec<_>>>()?;
    let text = match d.maxlen.get() {
        Some(n) => format!("{name}([{}], maxlen={n})", parts.join(", ")),
        None => format!("{name}([{}])", parts.join(", ")),
    };
    Ok(vm.new_str(&text))
}

fn deque_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.payload::<DequeObject>(), b.payload::<DequeObject>()) else {
        return Ok(vm.not_implemented.clone());
    };
    crate::objects::sequence::richcompare(vm, &x.snapshot(), &y.snapshot(), op)
}

/// The position of an index into a deque of `len` items.
fn position(vm: &Vm, index: &Object, len: usize) -> PyResult<usize> {
    let i = crate::objects::getargs::ssize_arg(vm, index)?;
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 || i >= len as i64 {
        return Err(vm.new_index_error("deque index out of range"));
    }
    Ok(i as usize)
}

fn deque_getitem(vm: &Vm, this: &Object, index: &Object) -> PyResult {
    let d = deque_of(vm, this)?;
    let items = d.items.borrow();
    let at = position(vm, index, items.len())?;
    Ok(items[at].clone())
}

fn deque_setitem(vm: &Vm, this: &Object, index: &Object, value: Option<&Object>) -> PyResult<()> {
    let d = deque_of(vm, this)?;
    let len = d.items.borrow().len();
    let at = position(vm, index, len)?;
    let old = match value {
        Some(v) => Some(std::mem::replace(&mut d.items.borrow_mut()[at], v.clone())),
        None => {
            let removed = d.items.borrow_mut().remove(at);
            d.mutated();
            removed
        }
    };
    drop(old);
    Ok(())
}

fn deque_index(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "index", args, 2, 4)?;
    let d = deque_of(vm, &args.values[0])?;
    let target = &args.values[1];
    let len = d.items.borrow().len() as i64;
    let bound = |i: Option<&Object>, default: i64| -> PyResult<usize> {
        let Some(i) = i else {
            return Ok(default as usize);
        };
        let i = crate::objects::getargs::ssize_arg(vm, i)?;
        Ok((if i < 0 { (i + len).max(0) } else { i.min(len) }) as usize)
    };
    let start = bound(args.values.get(2), 0)?;
    let stop = bound(args.values.get(3), len)?;
    let state = d.state.get();
    for i in start..stop {
        let Some(item) = d.items.borrow().get(i).cloned() else {
            break;
        };
        if item.is(target) || vm.eq(&item, target)? {
            return Ok(vm.new_int(i as i64));
        }
        if d.state.get() != state {
            return Err(vm.new_runtime_error("deque mutated during iteration"));
        }
    }
    Err(vm.new_value_error(format!("{} is not in deque", vm.repr_string(target)?)))
}

fn deque_concat(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    if b.payload::<DequeObject>().is_none() {
        return Err(vm.new_type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            vm.type_name(b)
        )));
    }
    let result = copy(vm, a)?;
    extend(vm, &result, b)?;
    Ok(result)
}

fn deque_repeat(vm: &Vm, this: &Object, n: &Object, in_place: bool) -> PyResult {
    let Some(count) = crate::objects::int::index_value(vm, n)? else {
        return Ok(vm.not_implemented.clone());
    };
    let target = if in_place {
        this.clone()
    } else {
        copy(vm, this)?
    };
    let d = deque_of(vm, &target)?;
    let items = d.snapshot();
    if count <= 0 {
        let old = std::mem::take(&mut *d.items.borrow_mut());
        d.mutated();
        drop(old);
        return Ok(target);
    }
    // A bounded deque keeps only its last `maxlen` items: repeating
    // past that changes nothing more.
    let rounds = match d.maxlen.get() {
        Some(max) if !items.is_empty() => count.min((max / items.len()) as i64 + 2),
        _ => count,
    };
    for _ in 1..rounds {
        for item in &items {
            d.push_back(item.clone());
        }
    }
    Ok(target)
}

fn new_iterator(vm: &Vm, deque: &Object, reversed: bool) -> PyResult {
    let d = deque_of(vm, deque)?;
    let module = crate::import::import_module(vm, "_collections")?;
    let name = if reversed {
        "_deque_reverse_iterator"
    } else {
        "_deque_iterator"
    };
    let ty = vm.getattr(&module, &vm.intern(name))?;
    Ok(crate::object::alloc(
        &ty,
        DequeIterator {
            deque: deque.clone(),
            index: Cell::new(0),
            state: d.state.get(),
            reversed,
        },
    ))
}

fn deque_iterator_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let it = it.payload::<DequeIterator>().expect("a deque iterator");
    let d = deque_of(vm, &it.deque)?;
    if d.state.get() != it.state {
        return Err(vm.new_runtime_error("deque mutated during iteration"));
    }
    let items = d.items.borrow();
    let i = it.index.get();
    if i >= items.len() {
        return Ok(None);
    }
    it.index.set(i + 1);
    let at = if it.reversed { items.len() - 1 - i } else { i };
    Ok(Some(items[at].clone()))
}

/// `collections.defaultdict`: a dict subclass whose `__missing__` calls
/// `default_factory`, made as a class with that one slot.
fn defaultdict_type(vm: &Vm) -> PyResult {
    let namespace = vm.new_dict();
    vm.setitem(
        &namespace,
        &vm.new_str("__module__"),
        Some(&vm.new_str("collections")),
    )?;
    vm.setitem(
        &namespace,
        &vm.new_str("__slots__"),
        Some(&vm.new_tuple(vec![vm.new_str("default_factory")])),
    )?;
    let bases = vm.new_tuple(vec![vm.types.dict.clone()]);
    let ty = vm.call(
        &vm.type_type,
        Args::positional_only(&[vm.new_str("defaultdict"), bases, namespace]),
    )?;
    // A static type in CPython: immutable, and named with its module.
    let tp = type_payload(&ty);
    tp.flags
        .set(tp.flags.get() & !flags::HEAPTYPE | flags::IMMUTABLETYPE);
    add_methods(
        vm,
        &ty,
        &[
            ("__init__", defaultdict_init),
            ("__missing__", |vm, args| {
                check_arity(vm, "__missing__", args, 2, 2)?;
                let this = &args.values[0];
                let factory = factory(vm, this)?;
                if vm.is_none(&factory) {
                    return Err(crate::errors::PyErr(crate::exceptions::new_exception(
                        vm,
                        &vm.exceptions.key_error,
                        vec![args.values[1].clone()],
                    )));
                }
                let value = vm.call(&factory, Args::positional_only(&[]))?;
                vm.setitem(this, &args.values[1], Some(&value))?;
                Ok(value)
            }),
            ("__repr__", |vm, args| {
                check_arity(vm, "__repr__", args, 1, 1)?;
                let this = &args.values[0];
                let factory = factory(vm, this)?;
                let factory = match ReprGuard::enter(vm, &factory) {
                    Some(_guard) => vm.repr_string(&factory)?,
                    None => "...".to_string(),
                };
                let dict_repr = crate::object::type_payload(&vm.types.dict)
                    .slots
                    .repr
                    .get()
                    .expect("dict has a repr");
                let dict_text = vm.str_string(&dict_repr(vm, this)?)?;
                let name = crate::object::type_payload(vm.type_of(this)).name();
                Ok(vm.new_str(&format!("{name}({factory}, {dict_text})")))
            }),
            ("copy", defaultdict_copy),
            ("__copy__", defaultdict_copy),
            ("__reduce__", |vm, args| {
                check_arity(vm, "__reduce__", args, 1, 1)?;
                let this = &args.values[0];
                let factory = factory(vm, this)?;
                let args_tuple = if vm.is_none(&factory) {
                    vm.empty_tuple.clone()
                } else {
                    vm.new_tuple(vec![factory])
                };
                let items = vm.call_method(this, "items", &[])?;
                Ok(vm.new_tuple(vec![
                    vm.type_of(this).clone(),
                    args_tuple,
                    vm.none.clone(),
                    vm.none.clone(),
                    vm.iter(&items)?,
                ]))
            }),
        ],
    );
    // The methods came after the class was made: its slots call them.
    crate::typeobject::refresh_slots(vm, &ty);
    Ok(ty)
}

fn factory(vm: &Vm, this: &Object) -> PyResult {
    Ok(vm
        .getattr_opt(this, &vm.intern("default_factory"))?
        .unwrap_or_else(|| vm.none.clone()))
}

/// `defaultdict(default_factory=None, /, *args, **kwargs)`.
fn defaultdict_init(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    let positional = &args.positional()[1..];
    let (factory, rest) = match positional.split_first() {
        Some((f, rest)) => (f.clone(), rest),
        None => (vm.none.clone(), positional),
    };
    if !vm.is_none(&factory) && vm.type_payload_of(&factory).slots.call.get().is_none() {
        return Err(vm.new_type_error("first argument must be callable or None"));
    }
    vm.setattr(this, &vm.intern("default_factory"), Some(&factory))?;
    let dict_init = crate::object::type_payload(&vm.types.dict)
        .slots
        .init
        .get()
        .expect("dict has an __init__");
    let keyword_values = &args.values[args.values.len() - args.kwnames.len()..];
    let mut values = rest.to_vec();
    values.extend(keyword_values.iter().cloned());
    dict_init(
        vm,
        this,
        Args {
            values: &values,
            kwnames: args.kwnames,
        },
    )?;
    Ok(vm.none.clone())
}

fn defaultdict_copy(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "copy", args, 1, 1)?;
    let this = &args.values[0];
    let factory = factory(vm, this)?;
    vm.call(
        vm.type_of(this),
        Args::positional_only(&[factory, this.clone()]),
    )
}

/// `_count_elements(mapping, iterable)`: Counter's tally loop.
fn count_elements(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_function_arity(vm, "_count_elements", args, 2, 2)?;
    let (mapping, iterable) = (&args.values[0], &args.values[1]);
    let zero = vm.new_int(0);
    let one = vm.new_int(1);
    let get = vm.getattr(mapping, &vm.intern("get"))?;
    let add = krait_compiler::opcode::NB_OPS
        .iter()
        .position(|(name, _)| *name == "NB_ADD")
        .expect("NB_ADD is a binary operator") as u32;
    let iterator = vm.iter(iterable)?;
    while let Some(item) = vm.next(&iterator)? {
        let current = vm.call(&get, Args::positional_only(&[item.clone(), zero.clone()]))?;
        let next = crate::protocols::binary_op(vm, &current, &one, add)?;
        vm.setitem(mapping, &item, Some(&next))?;
    }
    Ok(vm.none.clone())
}
