//! The views of a dict, `dict_keys`, `dict_values` and `dict_items`, and
//! the dict iterators, forward and reversed (Objects/dictobject.c's
//! second half).
//!
//! A view holds its dict and shows it live. Keys and items views are
//! also sets: they compare with sets and other views, and their
//! operators `- & | ^` build a new `set`.
//!
//! An iterator walks the dict's entry array by position. It remembers
//! the dict's size when it started and how many entries it has still to
//! give: a size that changed is "dictionary changed size during
//! iteration", and an entry found beyond the expected count means keys
//! were deleted and others added, "dictionary keys changed during
//! iteration".

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::dict::{dict_of, DictObject};
use crate::objects::function::check_arity;
use crate::objects::set::SetObject;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// What a view or an iterator shows of each entry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

/// The payload of `dict_keys`, `dict_values` and `dict_items`.
#[derive(krait_derive::Traverse)]
pub struct DictView {
    pub dict: Object,
    #[traverse(skip)]
    pub kind: ViewKind,
}

/// The payload of the six dict iterator types.
#[derive(krait_derive::Traverse)]
pub struct DictIterator {
    /// None once exhausted.
    dict: RefCell<Option<Object>>,
    #[traverse(skip)]
    kind: ViewKind,
    reversed: bool,
    /// The dict's size at the start; -1 once a change was reported, so
    /// the error repeats.
    used: Cell<isize>,
    /// The next position of the entry array (forward), or one past it
    /// (reversed).
    position: Cell<usize>,
    /// How many entries are still expected.
    remaining: Cell<usize>,
}

pub fn new_view(vm: &Vm, dict: &Object, kind: ViewKind) -> Object {
    let ty = match kind {
        ViewKind::Keys => &vm.types.dict_keys,
        ViewKind::Values => &vm.types.dict_values,
        ViewKind::Items => &vm.types.dict_items,
    };
    object::alloc(
        ty,
        DictView {
            dict: dict.clone(),
            kind,
        },
    )
}

pub fn new_dict_iterator(vm: &Vm, dict: &Object, kind: ViewKind, reversed: bool) -> Object {
    let ty = match (kind, reversed) {
        (ViewKind::Keys, false) => &vm.types.dict_keyiterator,
        (ViewKind::Values, false) => &vm.types.dict_valueiterator,
        (ViewKind::Items, false) => &vm.types.dict_itemiterator,
        (ViewKind::Keys, true) => &vm.types.dict_reversekeyiterator,
        (ViewKind::Values, true) => &vm.types.dict_reversevalueiterator,
        (ViewKind::Items, true) => &vm.types.dict_reverseitemiterator,
    };
    let d = dict_of(dict);
    object::alloc(
        ty,
        DictIterator {
            dict: RefCell::new(Some(dict.clone())),
            kind,
            reversed,
            used: Cell::new(d.len() as isize),
            position: Cell::new(if reversed { d.entry_count() } else { 0 }),
            remaining: Cell::new(d.len()),
        },
    )
}

fn view_of(o: &Object) -> &DictView {
    o.payload::<DictView>().expect("a dict view")
}

fn is_set_view(o: &Object) -> bool {
    o.payload::<DictView>()
        .is_some_and(|v| v.kind != ViewKind::Values)
}

fn dict_iterator_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let it = it.payload::<DictIterator>().expect("a dict iterator");
    let Some(d) = it.dict.borrow().clone() else {
        return Ok(None);
    };
    let dict = dict_of(&d);
    if it.used.get() != dict.len() as isize {
        it.used.set(-1);
        return Err(vm.new_runtime_error("dictionary changed size during iteration"));
    }
    let entry = if it.reversed {
        dict.prev_entry(it.position.get())
    } else {
        dict.next_entry(it.position.get())
    };
    let Some((position, key, value)) = entry else {
        let old = it.dict.borrow_mut().take();
        drop(old);
        return Ok(None);
    };
    if it.remaining.get() == 0 {
        let old = it.dict.borrow_mut().take();
        drop(old);
        if it.reversed {
            return Ok(None);
        }
        return Err(vm.new_runtime_error("dictionary keys changed during iteration"));
    }
    it.position.set(position);
    it.remaining.set(it.remaining.get() - 1);
    Ok(Some(match it.kind {
        ViewKind::Keys => key,
        ViewKind::Values => value,
        ViewKind::Items => vm.new_tuple(vec![key, value]),
    }))
}

/// `x in view`: a key of the dict, or a `(key, value)` pair of it.
fn view_contains(vm: &Vm, view: &Object, x: &Object) -> PyResult<bool> {
    let v = view_of(view);
    match v.kind {
        ViewKind::Keys => Ok(dict_of(&v.dict).get(vm, x)?.is_some()),
        ViewKind::Items => {
            let Some([key, value]) = crate::objects::tuple::tuple_items(x)
                .and_then(|t| <&[Object; 2]>::try_from(t).ok())
            else {
                return Ok(false);
            };
            match dict_of(&v.dict).get(vm, key)? {
                Some(found) => vm.eq(&found, value),
                None => Ok(false),
            }
        }
        ViewKind::Values => crate::protocols::contains(vm, view, x),
    }
}

fn view_repr(vm: &Vm, view: &Object) -> PyResult {
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, view) else {
        return Ok(vm.new_str("..."));
    };
    let items = vm.new_list(vm.collect_iterable(view)?);
    Ok(vm.new_str(&format!(
        "{}({})",
        vm.type_name(view),
        vm.repr_string(&items)?
    )))
}

/// Whether every item of `a` is in `b` (`all_contained_in`).
fn all_contained_in(vm: &Vm, a: &Object, b: &Object) -> PyResult<bool> {
    let it = vm.iter(a)?;
    while let Some(item) = vm.next(&it)? {
        if !crate::protocols::contains(vm, b, &item)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    if b.payload::<SetObject>().is_none() && !is_set_view(b) {
        return Ok(vm.not_implemented.clone());
    }
    let (la, lb) = (vm.len(a)?, vm.len(b)?);
    let result = match op {
        CompareOp::Eq => la == lb && all_contained_in(vm, a, b)?,
        CompareOp::Ne => !(la == lb && all_contained_in(vm, a, b)?),
        CompareOp::Lt => la < lb && all_contained_in(vm, a, b)?,
        CompareOp::Le => la <= lb && all_contained_in(vm, a, b)?,
        CompareOp::Gt => la > lb && all_contained_in(vm, b, a)?,
        CompareOp::Ge => la >= lb && all_contained_in(vm, b, a)?,
    };
    Ok(vm.new_bool(result))
}

/// A new set with the items of `o`: the dict itself for a keys view, so
/// its known hashes are reused (`dictviews_to_set`).
fn to_set(vm: &Vm, o: &Object) -> PyResult<Object> {
    let source = match o.payload::<DictView>() {
        Some(v) if v.kind == ViewKind::Keys && vm.type_of(&v.dict).is(&vm.types.dict) => &v.dict,
        _ => o,
    };
    crate::objects::set::set_from_iterable(vm, &vm.types.set, source)
}

/// `view & other`, either operand the view (`_PyDictView_Intersect`).
fn view_and(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let (mut this, mut other) = if is_set_view(a) { (a, b) } else { (b, a) };
    let len_this = vm.len(this)?;
    if vm.type_of(other).is(&vm.types.set) && len_this <= vm.len(other)? {
        return vm.call_method(other, "intersection", std::slice::from_ref(this));
    }
    if is_set_view(other) && vm.len(other)? > len_this {
        std::mem::swap(&mut this, &mut other);
    }
    let result = crate::objects::set::new_set(vm, Vec::new())?;
    let it = vm.iter(other)?;
    while let Some(item) = vm.next(&it)? {
        if view_contains(vm, this, &item)? {
            crate::objects::set::set_add(vm, &result, item)?;
        }
    }
    Ok(result)
}

/// `items ^ items`: pairs in one and not equal in the other, without
/// hashing the values (`dictitems_xor`).
fn items_xor(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    let temp = object::alloc(
        &vm.types.dict,
        DictObject {
            dict: dict_of(&view_of(a).dict).copy(),
        },
    );
    let result = crate::objects::set::new_set(vm, Vec::new())?;
    let other = dict_of(&view_of(b).dict);
    let mut position = 0;
    while let Some((next, key, value)) = other.next_entry(position) {
        position = next;
        let remove = match dict_of(&temp).get(vm, &key)? {
            Some(mine) => vm.eq(&mine, &value)?,
            None => false,
        };
        if remove {
            dict_of(&temp).remove(vm, &key)?;
        } else {
            crate::objects::set::set_add(vm, &result, vm.new_tuple(vec![key, value]))?;
        }
    }
    let remaining = new_view(vm, &temp, ViewKind::Items);
    crate::objects::set::set_update(vm, &result, &remaining)?;
    Ok(result)
}

fn view_isdisjoint(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "isdisjoint", args, 2, 2)?;
    let (mut this, mut other) = (&args.values[0], &args.values[1]);
    if this.is(other) {
        return Ok(vm.new_bool(vm.len(this)? == 0));
    }
    if (other.payload::<SetObject>().is_some() || is_set_view(other))
        && vm.len(other)? > vm.len(this)?
    {
        std::mem::swap(&mut this, &mut other);
    }
    let it = vm.iter(other)?;
    while let Some(item) = vm.next(&it)? {
        if crate::protocols::contains(vm, this, &item)? {
            return Ok(vm.false_.clone());
        }
    }
    Ok(vm.true_.clone())
}

pub(crate) fn init(vm: &Vm) {
    for ty in [
        &vm.types.dict_keys,
        &vm.types.dict_values,
        &vm.types.dict_items,
    ] {
        let tp = type_payload(ty);
        tp.slots.repr.set(Some(view_repr));
        tp.slots
            .length
            .set(Some(|_, v| Ok(dict_of(&view_of(v).dict).len())));
        tp.slots.iter.set(Some(|vm, v| {
            let view = view_of(v);
            Ok(new_dict_iterator(vm, &view.dict, view.kind, false))
        }));
        crate::objects::function::add_methods(
            vm,
            ty,
            &[("__reversed__", |vm, args| {
                check_arity(vm, "__reversed__", args, 1, 1)?;
                let view = view_of(&args.values[0]);
                Ok(new_dict_iterator(vm, &view.dict, view.kind, true))
            })],
        );
    }
    for ty in [&vm.types.dict_keys, &vm.types.dict_items] {
        let tp = type_payload(ty);
        tp.slots.sq_contains.set(Some(view_contains));
        tp.slots.richcompare.set(Some(view_richcompare));
        tp.slots
            .hash
            .set(Some(crate::objects::object::hash_not_implemented));
        tp.slots.nb_and.set(Some(view_and));
        tp.slots.nb_or.set(Some(|vm, a, b| {
            let result = to_set(vm, a)?;
            crate::objects::set::set_update(vm, &result, b)?;
            Ok(result)
        }));
        tp.slots.nb_subtract.set(Some(|vm, a, b| {
            let result = to_set(vm, a)?;
            crate::objects::set::set_difference_update(vm, &result, b)?;
            Ok(result)
        }));
        tp.slots.nb_xor.set(Some(|vm, a, b| {
            let both_items = [a, b].iter().all(|o| {
                o.payload::<DictView>()
                    .is_some_and(|v| v.kind == ViewKind::Items)
            });
            if both_items {
                return items_xor(vm, a, b);
            }
            let result = to_set(vm, a)?;
            crate::objects::set::set_symmetric_difference_update(vm, &result, b)?;
            Ok(result)
        }));
        crate::objects::function::add_methods(vm, ty, &[("isdisjoint", view_isdisjoint)]);
    }
    for ty in [
        &vm.types.dict_keys,
        &vm.types.dict_values,
        &vm.types.dict_items,
    ] {
        crate::slots::add_slot_wrappers(vm, ty);
    }
    for ty in [&vm.types.dict_keys, &vm.types.dict_items] {
        type_payload(ty)
            .dict
            .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
    }

    for ty in [
        &vm.types.dict_keyiterator,
        &vm.types.dict_valueiterator,
        &vm.types.dict_itemiterator,
        &vm.types.dict_reversekeyiterator,
        &vm.types.dict_reversevalueiterator,
        &vm.types.dict_reverseitemiterator,
    ] {
        let tp = type_payload(ty);
        tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
        tp.slots.iternext.set(Some(dict_iterator_next));
        crate::slots::add_slot_wrappers(vm, ty);
        crate::objects::function::add_methods(
            vm,
            ty,
            &[("__length_hint__", |vm, args| {
                check_arity(vm, "__length_hint__", args, 1, 1)?;
                let it = args.values[0]
                    .payload::<DictIterator>()
                    .ok_or_else(|| vm.new_type_error("expected a dict iterator"))?;
                let live = it
                    .dict
                    .borrow()
                    .as_ref()
                    .is_some_and(|d| dict_of(d).len() as isize == it.used.get());
                Ok(vm.new_int(if live { it.remaining.get() as i64 } else { 0 }))
            })],
        );
    }
}
