//! `list` (Objects/listobject.c).
//!
//! The items sit in a `RefCell<Vec>`; no borrow is held while Python code
//! runs (an `__eq__`, a sort key), which may change the list: loops
//! re-read the length and clone each item before comparing it, as
//! CPython's do.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::function::check_arity;
use crate::objects::int::index_value;
use crate::objects::sequence;
use crate::objects::slice::SliceObject;
use crate::traverse::{Cleared, Traverse};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::cell::RefCell;

#[derive(Default)]
pub struct ListObject {
    pub items: RefCell<Vec<Object>>,
}

impl ListObject {
    pub fn new(items: Vec<Object>) -> ListObject {
        ListObject {
            items: RefCell::new(items),
        }
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: usize) -> Option<Object> {
        self.items.borrow().get(index).cloned()
    }

    pub fn push(&self, item: Object) {
        self.items.borrow_mut().push(item);
    }

    /// A copy of the items.
    pub fn to_vec(&self) -> Vec<Object> {
        self.items.borrow().clone()
    }
}

// SAFETY: each item once, last first as CPython's `list_traverse`
// (the order decides the order of finalizers in a collection).
unsafe impl Traverse for ListObject {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        if let Ok(items) = self.items.try_borrow() {
            items.iter().rev().for_each(visit);
        }
    }

    fn clear(&self, vm: &Vm, out: &mut Cleared) {
        self.items.clear(vm, out)
    }

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        self.items.take_refs(vm, out)
    }
}

impl Drop for ListObject {
    fn drop(&mut self) {
        crate::objects::sequence::drop_reversed(std::mem::take(self.items.get_mut()));
    }
}

pub fn list_of(o: &Object) -> &ListObject {
    o.payload::<ListObject>().expect("a list")
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.list);
    tp.slots.repr.set(Some(list_repr));
    tp.slots.length.set(Some(|_, l| Ok(list_of(l).len())));
    tp.slots.getitem.set(Some(list_getitem));
    tp.slots.setitem.set(Some(list_setitem));
    tp.slots.sq_contains.set(Some(|vm, l, x| {
        let list = list_of(l);
        let mut i = 0;
        while let Some(item) = list.get(i) {
            if vm.eq(&item, x)? {
                return Ok(true);
            }
            i += 1;
        }
        Ok(false)
    }));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        let (Some(x), Some(y)) = (a.payload::<ListObject>(), b.payload::<ListObject>()) else {
            return Ok(vm.not_implemented.clone());
        };
        sequence::richcompare(vm, &x.to_vec(), &y.to_vec(), op)
    }));
    tp.slots.nb_add.set(Some(|vm, a, b| {
        let (Some(x), Some(y)) = (a.payload::<ListObject>(), b.payload::<ListObject>()) else {
            if a.payload::<ListObject>().is_some() {
                return Err(vm.new_type_error(format!(
                    "can only concatenate list (not \"{}\") to list",
                    vm.type_name(b)
                )));
            }
            return Ok(vm.not_implemented.clone());
        };
        let mut items = x.to_vec();
        items.extend(y.to_vec());
        Ok(vm.new_list(items))
    }));
    tp.slots.sq_concat.set(tp.slots.nb_add.get());
    tp.slots.nb_multiply.set(Some(|vm, a, b| {
        sequence::repeat(
            vm,
            a,
            b,
            |o| o.payload::<ListObject>().map(|l| l.to_vec()),
            |vm, v| vm.new_list(v),
        )
    }));
    tp.slots.nb_inplace_add.set(Some(|vm, a, b| {
        list_extend(vm, a, b)?;
        Ok(a.clone())
    }));
    tp.slots.nb_inplace_multiply.set(Some(|vm, a, b| {
        let repeated = sequence::repeat(
            vm,
            a,
            b,
            |o| o.payload::<ListObject>().map(|l| l.to_vec()),
            |vm, v| vm.new_list(v),
        )?;
        let items = list_of(&repeated).to_vec();
        let old = std::mem::replace(&mut *list_of(a).items.borrow_mut(), items);
        drop(old);
        Ok(a.clone())
    }));
    tp.slots.iter.set(Some(|vm, l| {
        Ok(crate::objects::iter::new_seq_iterator(
            vm,
            &vm.types.list_iterator,
            l,
        ))
    }));
    tp.slots
        .hash
        .set(Some(crate::objects::object::hash_not_implemented));
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(object::alloc(ty, ListObject::default()))
    }));
    tp.slots.init.set(Some(|vm, l, args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("list() takes no keyword arguments"));
        }
        if args.values.len() > 1 {
            return Err(vm.new_type_error(format!(
                "list expected at most 1 argument, got {}",
                args.values.len()
            )));
        }
        let old = std::mem::take(&mut *list_of(l).items.borrow_mut());
        crate::objects::sequence::drop_reversed(old);
        match args.values.first() {
            Some(iterable) => list_extend(vm, l, iterable),
            None => Ok(()),
        }
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.list);
    type_payload(&vm.types.list)
        .dict
        .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
    crate::objects::function::add_methods(
        vm,
        &vm.types.list,
        &[
            ("append", |vm, args| {
                check_arity(vm, "list.append", args, 2, 2).map_err(|_| {
                    vm.new_type_error(format!(
                        "list.append() takes exactly one argument ({} given)",
                        args.values.len() - 1
                    ))
                })?;
                list_of(&args.values[0]).push(args.values[1].clone());
                Ok(vm.none.clone())
            }),
            ("extend", |vm, args| {
                check_arity(vm, "list.extend", args, 2, 2)?;
                list_extend(vm, &args.values[0], &args.values[1])?;
                Ok(vm.none.clone())
            }),
            ("pop", list_pop),
            ("insert", list_insert),
            ("remove", list_remove),
            ("index", |vm, args| {
                let list = list_of(&args.values[0]);
                match sequence::index_method(vm, list.len(), |i| list.get(i), args)? {
                    Some(i) => Ok(vm.new_int(i as i64)),
                    None => Err(vm.new_value_error(format!(
                        "{} is not in list",
                        vm.repr_string(&args.values[1])?
                    ))),
                }
            }),
            ("count", |vm, args| {
                let list = list_of(&args.values[0]);
                sequence::count_method(vm, |i| list.get(i), args, "list")
            }),
            ("reverse", |vm, args| {
                check_arity(vm, "list.reverse", args, 1, 1)?;
                list_of(&args.values[0]).items.borrow_mut().reverse();
                Ok(vm.none.clone())
            }),
            ("__reversed__", |vm, args| {
                check_arity(vm, "list.__reversed__", args, 1, 1)?;
                Ok(crate::objects::iter::new_list_reverse_iterator(
                    vm,
                    &args.values[0],
                ))
            }),
            ("copy", |vm, args| {
                check_arity(vm, "list.copy", args, 1, 1)?;
                Ok(vm.new_list(list_of(&args.values[0]).to_vec()))
            }),
            ("clear", |vm, args| {
                check_arity(vm, "list.clear", args, 1, 1)?;
                let old = std::mem::take(&mut *list_of(&args.values[0]).items.borrow_mut());
                crate::objects::sequence::drop_reversed(old);
                Ok(vm.none.clone())
            }),
            ("sort", list_sort),
        ],
    );
}

fn list_repr(vm: &Vm, l: &Object) -> PyResult {
    let list = list_of(l);
    if list.is_empty() {
        return Ok(vm.new_str("[]"));
    }
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, l) else {
        return Ok(vm.new_str("[...]"));
    };
    let mut out = String::from("[");
    let mut i = 0;
    while let Some(item) = list.get(i) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&vm.repr_string(&item)?);
        i += 1;
    }
    out.push(']');
    Ok(vm.new_str(&out))
}

fn list_getitem(vm: &Vm, l: &Object, key: &Object) -> PyResult {
    let list = list_of(l);
    if let Some(i) = key.as_small_int() {
        let items = list.items.borrow();
        return sequence::resolve_index(i, items.len())
            .map(|i| items[i].clone())
            .ok_or_else(|| vm.new_index_error("list index out of range"));
    }
    let items = list.to_vec();
    sequence::getitem(vm, &items, key, "list", |vm, v| vm.new_list(v))
}

fn list_setitem(vm: &Vm, l: &Object, key: &Object, value: Option<&Object>) -> PyResult<()> {
    let list = list_of(l);
    if let Some(slice) = key.payload::<SliceObject>() {
        let len = list.len();
        let (start, stop, step) = slice.resolve(vm, len)?;
        return match value {
            None => {
                let indices: Vec<usize> = slice.indices(vm, len)?.collect();
                let mut items = list.items.borrow_mut();
                let mut keep = vec![true; items.len()];
                for i in indices {
                    keep[i] = false;
                }
                let mut it = keep.iter();
                let removed: Vec<Object> = {
                    let mut removed = Vec::new();
                    items.retain(|x| {
                        let k = *it.next().unwrap_or(&true);
                        if !k {
                            removed.push(x.clone());
                        }
                        k
                    });
                    removed
                };
                drop(items);
                drop(removed);
                Ok(())
            }
            Some(value) => {
                let new_items = if value.is(l) {
                    list.to_vec()
                } else {
                    let not_iterable = vm.type_payload_of(value).slots.iter.get().is_none()
                        && vm.type_payload_of(value).slots.getitem.get().is_none();
                    if not_iterable {
                        return Err(vm.new_type_error("can only assign an iterable"));
                    }
                    vm.collect_iterable(value)?
                };
                if step == 1 {
                    let stop = stop.max(start);
                    let removed: Vec<Object> = list
                        .items
                        .borrow_mut()
                        .splice(start as usize..stop as usize, new_items)
                        .collect();
                    drop(removed);
                    return Ok(());
                }
                let indices: Vec<usize> = slice.indices(vm, len)?.collect();
                if indices.len() != new_items.len() {
                    return Err(vm.new_value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new_items.len(),
                        indices.len()
                    )));
                }
                let mut old = Vec::with_capacity(indices.len());
                {
                    let mut items = list.items.borrow_mut();
                    for (i, v) in indices.into_iter().zip(new_items) {
                        old.push(std::mem::replace(&mut items[i], v));
                    }
                }
                drop(old);
                Ok(())
            }
        };
    }
    let Some(i) = index_value(vm, key)? else {
        return Err(vm.new_type_error(format!(
            "list indices must be integers or slices, not {}",
            vm.type_name(key)
        )));
    };
    let len = list.len();
    let Some(i) = sequence::resolve_index(i, len) else {
        return Err(vm.new_index_error("list assignment index out of range"));
    };
    let old = match value {
        Some(v) => std::mem::replace(&mut list.items.borrow_mut()[i], v.clone()),
        None => list.items.borrow_mut().remove(i),
    };
    drop(old);
    Ok(())
}

/// `list.extend(iterable)` and `+=`.
pub fn list_extend(vm: &Vm, l: &Object, iterable: &Object) -> PyResult<()> {
    let items = if let Some(other) = iterable.payload::<ListObject>() {
        other.to_vec()
    } else {
        vm.collect_iterable(iterable)?
    };
    list_of(l).items.borrow_mut().extend(items);
    Ok(())
}

fn list_pop(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "pop", args, 1, 2)?;
    let list = list_of(&args.values[0]);
    let index = match args.values.get(1) {
        Some(i) => index_value(vm, i)?.ok_or_else(|| {
            vm.new_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(i)
            ))
        })?,
        None => -1,
    };
    let len = list.len();
    if len == 0 {
        return Err(vm.new_index_error("pop from empty list"));
    }
    let Some(i) = sequence::resolve_index(index, len) else {
        return Err(vm.new_index_error("pop index out of range"));
    };
    Ok(list.items.borrow_mut().remove(i))
}

fn list_insert(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "insert", args, 3, 3)?;
    let list = list_of(&args.values[0]);
    let index = index_value(vm, &args.values[1])?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&args.values[1])
        ))
    })?;
    let len = list.len() as i64;
    let i = if index < 0 {
        (index + len).max(0)
    } else {
        index.min(len)
    };
    list.items
        .borrow_mut()
        .insert(i as usize, args.values[2].clone());
    Ok(vm.none.clone())
}

fn list_remove(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "list.remove", args, 2, 2)?;
    let list = list_of(&args.values[0]);
    let mut i = 0;
    while let Some(item) = list.get(i) {
        if vm.eq(&item, &args.values[1])? {
            let removed = {
                let mut items = list.items.borrow_mut();
                (i < items.len()).then(|| items.remove(i))
            };
            drop(removed);
            return Ok(vm.none.clone());
        }
        i += 1;
    }
    Err(vm.new_value_error("list.remove(x): x not in list"))
}

/// `list.sort(*, key=None, reverse=False)`: a stable merge sort whose
/// comparisons may fail. The list is empty while it is sorted, as in
/// CPython, so changes made by a key function or a comparison show.
fn list_sort(vm: &Vm, args: Args) -> PyResult {
    if args.positional().len() > 1 {
        return Err(vm.new_type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (name, value) in args.keywords() {
        match &*crate::objects::str::as_rust_str(name) {
            "key" => key = Some(value.clone()).filter(|k| !vm.is_none(k)),
            "reverse" => reverse = vm.is_true(value)?,
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for sort()"
                )))
            }
        }
    }
    let list = list_of(&args.values[0]);
    let items = std::mem::take(&mut *list.items.borrow_mut());
    let result = sort_items(vm, items, key.as_ref(), reverse);
    let modified = !list.is_empty();
    match result {
        Ok(sorted) => {
            let old = std::mem::replace(&mut *list.items.borrow_mut(), sorted);
            drop(old);
            if modified {
                return Err(vm.new_value_error("list modified during sort"));
            }
            Ok(vm.none.clone())
        }
        Err((e, items)) => {
            let old = std::mem::replace(&mut *list.items.borrow_mut(), items);
            drop(old);
            Err(e)
        }
    }
}

type SortFailure = (crate::errors::PyErr, Vec<Object>);

/// Sorts `items` by `key`, stably; on failure gives the error and the
/// items back.
pub fn sort_items(
    vm: &Vm,
    items: Vec<Object>,
    key: Option<&Object>,
    reverse: bool,
) -> Result<Vec<Object>, SortFailure> {
    let keys = match key {
        Some(key) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                match vm.call(key, Args::positional_only(std::slice::from_ref(item))) {
                    Ok(k) => keys.push(k),
                    Err(e) => return Err((e, items)),
                }
            }
            keys
        }
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        // Reversing before and after keeps equal items in their order.
        order.reverse();
    }
    let mut error = None;
    merge_sort(&mut order, &mut |a, b| {
        if error.is_some() {
            return false;
        }
        match vm.compare_bool(&keys[b], &keys[a], CompareOp::Lt) {
            Ok(lt) => lt,
            Err(e) => {
                error = Some(e);
                false
            }
        }
    });
    if let Some(e) = error {
        return Err((e, items));
    }
    if reverse {
        order.reverse();
    }
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

/// A stable top-down merge sort; `less(a, b)` says whether b < a must
/// move b first (it is asked as "is the right one less than the left").
fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    if v.len() <= 1 {
        return;
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let mut merged = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < v.len() {
        if less(v[i], v[j]) {
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..]);
    v.copy_from_slice(&merged);
}
