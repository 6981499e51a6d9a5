//! Weak references (Objects/weakrefobject.c): `weakref.ref` and the
//! proxies.
//!
//! A weak reference does not count towards its referent's references. An
//! object that can be weakly referenced has a word (at its type's
//! `weaklist_offset`) heading the list of the weakrefs to it, linked
//! through the weakrefs themselves, none of these links counted. When
//! the referent is freed, each weakref is cleared (its referent set to
//! null) and unlinked, then the callbacks are called, each with its
//! weakref (`PyObject_ClearWeakRefs`); a weakref freed first unlinks
//! itself.
//!
//! The list keeps CPython's order, which `getweakrefs` and the order of
//! callbacks show: the weakref without a callback that `ref(x)` shares
//! first, then the shared proxy, then the others, newest first.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object, ObjectHeader};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::ptr::null;

/// The payload of a weak reference or a proxy (`PyWeakReference`).
#[derive(krait_derive::Traverse)]
pub struct WeakRefObject {
    /// The referent, not counted; null once it is gone.
    referent: Cell<*const ObjectHeader>,
    callback: RefCell<Option<Object>>,
    /// The referent's hash, or -1 before it is first asked for.
    hash: Cell<i64>,
    /// The neighbours in the referent's list, not counted.
    prev: Cell<*const ObjectHeader>,
    next: Cell<*const ObjectHeader>,
}

impl Drop for WeakRefObject {
    /// A weakref freed before its referent leaves the referent's list
    /// (`clear_weakref`).
    fn drop(&mut self) {
        self.unlink();
    }
}

impl WeakRefObject {
    /// The referent, a new reference, if it is alive.
    pub fn referent(&self) -> Option<Object> {
        let ptr = self.referent.get();
        if ptr.is_null() {
            return None;
        }
        // SAFETY: a non-null referent is alive: its freeing clears this
        // pointer before anything else.
        let borrowed = std::mem::ManuallyDrop::new(unsafe { Object::from_raw(ptr as usize) });
        Some((*borrowed).clone())
    }

    /// Takes the weakref out of its referent's list and forgets the
    /// referent (`clear_weakref` without the callback).
    fn unlink(&self) {
        let referent = self.referent.replace(null());
        if referent.is_null() {
            return;
        }
        let (prev, next) = (self.prev.replace(null()), self.next.replace(null()));
        if !prev.is_null() {
            payload_at(prev).next.set(next);
        } else if let Some(head) = list_head_of_ptr(referent) {
            head.set(next);
        }
        if !next.is_null() {
            payload_at(next).prev.set(prev);
        }
    }
}

/// The payload of the weakref whose header is at `ptr`.
fn payload_at<'a>(ptr: *const ObjectHeader) -> &'a WeakRefObject {
    // SAFETY: the lists link live weakrefs only (each unlinks itself when
    // freed), and nothing but weakrefs.
    let borrowed = std::mem::ManuallyDrop::new(unsafe { Object::from_raw(ptr as usize) });
    let payload: *const WeakRefObject = borrowed.payload_unchecked::<WeakRefObject>();
    // SAFETY: as above; the weakref outlives this use.
    unsafe { &*payload }
}

/// The list head of the live object at `ptr`, if its type has one.
fn list_head_of_ptr<'a>(ptr: *const ObjectHeader) -> Option<&'a Cell<*const ObjectHeader>> {
    // SAFETY: `ptr` is a live object (a referent still linked).
    let borrowed = std::mem::ManuallyDrop::new(unsafe { Object::from_raw(ptr as usize) });
    let head: *const Cell<*const ObjectHeader> = list_head(&borrowed)?;
    // SAFETY: the head lives as long as the object, which outlives the use.
    Some(unsafe { &*head })
}

/// The head of the weakref list of `object`, if its type supports weak
/// references.
fn list_head(object: &Object) -> Option<&Cell<*const ObjectHeader>> {
    let ty = object.heap_type()?;
    let offset = type_payload(ty).weaklist_offset.get()?;
    let base = object.header_ptr()?.as_ptr() as *const u8;
    // SAFETY: the type places the list head word at this offset.
    Some(unsafe { &*(base.add(offset) as *const Cell<*const ObjectHeader>) })
}

/// The weakrefs linked from `head`, in order, those being freed
/// included.
fn list_ptrs(head: &Cell<*const ObjectHeader>) -> Vec<*const ObjectHeader> {
    let mut found = Vec::new();
    let mut ptr = head.get();
    while !ptr.is_null() {
        found.push(ptr);
        ptr = payload_at(ptr).next.get();
    }
    found
}

/// A new reference to a linked weakref, unless it is being freed (its
/// count went to zero, and it unlinks itself soon): such a weakref must
/// not come back to life.
fn live(ptr: *const ObjectHeader) -> Option<Object> {
    // SAFETY: linked weakrefs' memory is valid until they unlink.
    let borrowed = std::mem::ManuallyDrop::new(unsafe { Object::from_raw(ptr as usize) });
    (borrowed.refcount() > 0).then(|| (*borrowed).clone())
}

/// The live weakrefs to the object whose list head is `head`, in order.
fn list(head: &Cell<*const ObjectHeader>) -> Vec<Object> {
    list_ptrs(head).into_iter().filter_map(live).collect()
}

fn payload(o: &Object) -> Option<&WeakRefObject> {
    o.payload::<WeakRefObject>()
}

/// Whether `o` is a weakref or a proxy (`PyWeakref_Check`).
pub fn is_weakref(o: &Object) -> bool {
    payload(o).is_some()
}

pub fn has_callback(o: &Object) -> bool {
    payload(o).is_some_and(|w| w.callback.borrow().is_some())
}

/// Clears a weakref that is garbage itself: its callback will not be
/// called (`_PyWeakref_ClearRef`).
pub fn clear_ref(o: &Object) {
    if let Some(w) = payload(o) {
        w.unlink();
    }
}

/// Clears every weakref to `object` and gives them, without calling the
/// callbacks (the collector's `handle_weakrefs` decides).
pub fn detach_all(object: &Object) -> Vec<Object> {
    match list_head(object) {
        Some(head) => detach(head),
        None => Vec::new(),
    }
}

/// Clears and unlinks every weakref of a list; gives the live ones.
fn detach(head: &Cell<*const ObjectHeader>) -> Vec<Object> {
    let ptrs = list_ptrs(head);
    let refs = ptrs.iter().copied().filter_map(live).collect();
    for ptr in ptrs {
        payload_at(ptr).unlink();
    }
    head.set(null());
    refs
}

/// Calls a cleared weakref's callback with the weakref; an error is
/// reported as unraisable.
pub fn call_callback(vm: &Vm, weakref: &Object) {
    let Some(callback) = payload(weakref).and_then(|w| w.callback.borrow_mut().take()) else {
        return;
    };
    if let Err(e) = vm.call(
        &callback,
        Args::positional_only(std::slice::from_ref(weakref)),
    ) {
        crate::unraisable::write_unraisable(vm, &e, Some(&callback), None);
    }
}

/// The referent is being freed: clears its weakrefs, then calls their
/// callbacks, if the interpreter still runs (`PyObject_ClearWeakRefs`).
pub(crate) fn referent_dying(vm: Option<&Vm>, head: &Cell<*const ObjectHeader>) {
    let refs = detach(head);
    let Some(vm) = vm else { return };
    for r in &refs {
        call_callback(vm, r);
    }
}

/// The kinds of weakref, by type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ref,
    Proxy,
}

/// The weakref without a callback of the exact type `ty` in the list,
/// which `ref(x)` and `proxy(x)` share (`get_basic_refs`): the first for
/// a ref, the first or second for a proxy.
fn basic_ref(vm: &Vm, head: &Cell<*const ObjectHeader>, kind: Kind) -> Option<Object> {
    let refs = list(head);
    let is_basic_ref = |r: &Object| vm.type_of(r).is(&vm.types.weakref) && !has_callback(r);
    let is_basic_proxy = |r: &Object| {
        let ty = vm.type_of(r);
        (ty.is(&vm.types.weakproxy) || ty.is(&vm.types.weakcallableproxy)) && !has_callback(r)
    };
    let first_is_ref = refs.first().is_some_and(is_basic_ref);
    match kind {
        Kind::Ref => refs.into_iter().next().filter(|_| first_is_ref),
        Kind::Proxy => {
            let candidate = refs.into_iter().nth(usize::from(first_is_ref));
            candidate.filter(is_basic_proxy)
        }
    }
}

/// Links a new weakref into the list: at the head, or after `prev`.
fn insert(head: &Cell<*const ObjectHeader>, new: &Object, prev: Option<&Object>) {
    let new_ptr = new
        .header_ptr()
        .map_or(null(), |p| p.as_ptr() as *const ObjectHeader);
    let w = payload_at(new_ptr);
    match prev {
        None => {
            let old = head.replace(new_ptr);
            w.next.set(old);
            if !old.is_null() {
                payload_at(old).prev.set(new_ptr);
            }
        }
        Some(prev) => {
            let prev_ptr = prev
                .header_ptr()
                .map_or(null(), |p| p.as_ptr() as *const ObjectHeader);
            let p = payload_at(prev_ptr);
            let next = p.next.replace(new_ptr);
            w.prev.set(prev_ptr);
            w.next.set(next);
            if !next.is_null() {
                payload_at(next).prev.set(new_ptr);
            }
        }
    }
}

/// The list head of `object`, or CPython's TypeError if its type does
/// not support weak references.
fn require_head<'a>(vm: &Vm, object: &'a Object) -> PyResult<&'a Cell<*const ObjectHeader>> {
    list_head(object).ok_or_else(|| {
        vm.new_type_error(format!(
            "cannot create weak reference to '{}' object",
            full_type_name(vm, vm.type_of(object))
        ))
    })
}

/// A type's `tp_name`: the module and the name for the builtin types of
/// a module other than builtins, as `weakref.ReferenceType`.
fn full_type_name(vm: &Vm, ty: &Object) -> String {
    let tp = type_payload(ty);
    if !tp.has_flag(crate::typeobject::flags::HEAPTYPE) {
        if let Some(m) = tp.dict.get_str(vm, &vm.names.__module__) {
            let module = crate::objects::str::as_rust_str(&m);
            if !module.is_empty() && module != "builtins" {
                return format!("{module}.{}", tp.name());
            }
        }
    }
    tp.name()
}

/// A new weakref of type `ty` (ReferenceType, a subclass, or a proxy
/// type) to `referent`, linked where CPython links it.
fn new_weakref(vm: &Vm, ty: &Object, referent: &Object, callback: Option<Object>) -> PyResult {
    let head = require_head(vm, referent)?;
    let has_callback = callback.is_some();
    let referent_ptr = referent
        .header_ptr()
        .map_or(null(), |p| p.as_ptr() as *const ObjectHeader);
    let new = object::alloc(
        ty,
        WeakRefObject {
            referent: Cell::new(referent_ptr),
            callback: RefCell::new(callback),
            hash: Cell::new(-1),
            prev: Cell::new(null()),
            next: Cell::new(null()),
        },
    );
    let is_proxy = !vm.is_instance(&new, &vm.types.weakref);
    if is_proxy {
        let prev = if has_callback {
            basic_ref(vm, head, Kind::Proxy).or_else(|| basic_ref(vm, head, Kind::Ref))
        } else {
            basic_ref(vm, head, Kind::Ref)
        };
        insert(head, &new, prev.as_ref());
    } else if !has_callback && ty.is(&vm.types.weakref) {
        insert(head, &new, None);
    } else {
        let prev = basic_ref(vm, head, Kind::Proxy).or_else(|| basic_ref(vm, head, Kind::Ref));
        insert(head, &new, prev.as_ref());
    }
    Ok(new)
}

/// `ref(object[, callback])` and its subclasses' `__new__`
/// (`weakref___new__`).
fn weakref_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let (object, callback) = ref_arguments(vm, "__new__", args)?;
    if callback.is_none() && ty.is(&vm.types.weakref) {
        let head = require_head(vm, &object)?;
        if let Some(shared) = basic_ref(vm, head, Kind::Ref) {
            return Ok(shared);
        }
    }
    new_weakref(vm, ty, &object, callback)
}

/// The referent and the callback (None as no callback) of `ref()`'s
/// arguments (`parse_weakref_init_args`).
fn ref_arguments(vm: &Vm, name: &str, args: Args) -> PyResult<(Object, Option<Object>)> {
    if args.has_keywords() {
        return Err(vm.new_type_error("ref() takes no keyword arguments"));
    }
    let positional = args.positional();
    unpack_count(vm, name, positional.len(), 1, 2)?;
    let callback = positional.get(1).filter(|c| !vm.is_none(c)).cloned();
    Ok((positional[0].clone(), callback))
}

/// `PyArg_UnpackTuple`'s count check and messages.
fn unpack_count(vm: &Vm, name: &str, got: usize, min: usize, max: usize) -> PyResult<()> {
    if got < min || got > max {
        let (bound, n) = if got < min {
            (if min == max { "" } else { "at least " }, min)
        } else {
            (if min == max { "" } else { "at most " }, max)
        };
        return Err(vm.new_type_error(format!(
            "{name} expected {bound}{n} argument{}, got {got}",
            if n == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

/// `proxy(object[, callback])` (`PyWeakref_NewProxy`).
pub fn new_proxy(vm: &Vm, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("proxy() takes no keyword arguments"));
    }
    let positional = args.positional();
    unpack_count(vm, "proxy", positional.len(), 1, 2)?;
    let object = &positional[0];
    let callback = positional.get(1).filter(|c| !vm.is_none(c)).cloned();
    let head = require_head(vm, object)?;
    if callback.is_none() {
        if let Some(shared) = basic_ref(vm, head, Kind::Proxy) {
            return Ok(shared);
        }
    }
    let ty = if vm.type_payload_of(object).slots.call.get().is_some() {
        &vm.types.weakcallableproxy
    } else {
        &vm.types.weakproxy
    };
    new_weakref(vm, ty, object, callback)
}

/// `getweakrefcount(object)`.
pub fn weakref_count(object: &Object) -> usize {
    list_head(object).map_or(0, |h| list_ptrs(h).len())
}

/// `getweakrefs(object)`.
pub fn weakrefs(object: &Object) -> Vec<Object> {
    list_head(object).map(list).unwrap_or_default()
}

/// The `__weakref__` attribute of the instances of a class that adds the
/// weakref list (`subtype_getweakref`): the first weakref, or None.
pub fn add_weakref_getset(vm: &Vm, ty: &Object) {
    crate::objects::descr::add_getset(
        vm,
        ty,
        "__weakref__",
        |vm, o| {
            Ok(weakrefs(o)
                .into_iter()
                .next()
                .unwrap_or_else(|| vm.none.clone()))
        },
        None,
    );
}

/// The referent of a proxy, or ReferenceError if it is gone; any other
/// object is itself (`UNWRAP`).
fn unwrap(vm: &Vm, o: &Object) -> PyResult {
    let ty = vm.type_of(o);
    if !ty.is(&vm.types.weakproxy) && !ty.is(&vm.types.weakcallableproxy) {
        return Ok(o.clone());
    }
    payload(o).and_then(WeakRefObject::referent).ok_or_else(|| {
        vm.new_exception(
            &vm.exceptions.reference_error,
            "weakly-referenced object no longer exists",
        )
    })
}

fn ref_repr(vm: &Vm, r: &Object) -> PyResult {
    let Some(referent) = payload(r).and_then(WeakRefObject::referent) else {
        return Ok(vm.new_str(&format!("<weakref at {:#x}; dead>", r.id())));
    };
    let name = vm
        .getattr_opt(&referent, &vm.names.__name__)?
        .filter(|n| n.payload::<crate::objects::str::StrObject>().is_some());
    let tp_name = full_type_name(vm, vm.type_of(&referent));
    Ok(vm.new_str(&match name {
        Some(n) => format!(
            "<weakref at {:#x}; to '{tp_name}' at {:#x} ({})>",
            r.id(),
            referent.id(),
            crate::objects::str::as_rust_str(&n)
        ),
        None => format!(
            "<weakref at {:#x}; to '{tp_name}' at {:#x}>",
            r.id(),
            referent.id()
        ),
    }))
}

fn ref_hash(vm: &Vm, r: &Object) -> PyResult<i64> {
    let w = payload(r).ok_or_else(|| vm.new_type_error("not a weakref"))?;
    if w.hash.get() != -1 {
        return Ok(w.hash.get());
    }
    let referent = w
        .referent()
        .ok_or_else(|| vm.new_type_error("weak object has gone away"))?;
    let hash = vm.hash(&referent)?;
    w.hash.set(hash);
    Ok(hash)
}

/// `==` and `!=`: the referents' if both live, else identity
/// (`weakref_richcompare`).
fn ref_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || !is_weakref(b) {
        return Ok(vm.not_implemented.clone());
    }
    let (Some(x), Some(y)) = (
        payload(a).and_then(WeakRefObject::referent),
        payload(b).and_then(WeakRefObject::referent),
    ) else {
        return Ok(vm.new_bool((op == CompareOp::Eq) == a.is(b)));
    };
    vm.rich_compare(&x, &y, op)
}

fn proxy_repr(vm: &Vm, p: &Object) -> PyResult {
    let referent = payload(p)
        .and_then(WeakRefObject::referent)
        .unwrap_or_else(|| vm.none.clone());
    Ok(vm.new_str(&format!(
        "<weakproxy at {:#x} to {} at {:#x}>",
        p.id(),
        full_type_name(vm, vm.type_of(&referent)),
        referent.id()
    )))
}

macro_rules! proxy_binary {
    ($tp:expr, $( $slot:ident => $index:literal ),* $(,)?) => {
        $( $tp.slots.$slot.set(Some(|vm, a, b| {
            crate::protocols::binary_op(vm, &unwrap(vm, a)?, &unwrap(vm, b)?, $index)
        })); )*
    };
}

macro_rules! proxy_unary {
    ($tp:expr, $( $slot:ident => $name:literal ),* $(,)?) => {
        $( $tp.slots.$slot.set(Some(|vm, p| {
            let o = unwrap(vm, p)?;
            match vm.type_payload_of(&o).slots.$slot.get() {
                Some(f) => f(vm, &o),
                None => Err(vm.new_type_error(format!(
                    "bad operand type for {}: '{}'",
                    $name,
                    vm.type_name(&o)
                ))),
            }
        })); )*
    };
}

/// The slots of the proxy types: each operation goes to the referent.
fn init_proxy(vm: &Vm, ty: &Object) {
    let tp = type_payload(ty);
    tp.slots.repr.set(Some(proxy_repr));
    tp.slots.str.set(Some(|vm, p| vm.str(&unwrap(vm, p)?)));
    tp.slots.hash.set(Some(|vm, p| {
        Err(vm.new_type_error(format!(
            "unhashable type: '{}'",
            full_type_name(vm, vm.type_of(p))
        )))
    }));
    tp.slots
        .getattro
        .set(Some(|vm, p, name| vm.getattr(&unwrap(vm, p)?, name)));
    tp.slots.setattro.set(Some(|vm, p, name, value| {
        vm.setattr(&unwrap(vm, p)?, name, value)
    }));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        vm.rich_compare(&unwrap(vm, a)?, &unwrap(vm, b)?, op)
    }));
    tp.slots
        .nb_bool
        .set(Some(|vm, p| vm.is_true(&unwrap(vm, p)?)));
    tp.slots.length.set(Some(|vm, p| vm.len(&unwrap(vm, p)?)));
    tp.slots
        .getitem
        .set(Some(|vm, p, key| vm.getitem(&unwrap(vm, p)?, key)));
    tp.slots.setitem.set(Some(|vm, p, key, value| {
        vm.setitem(&unwrap(vm, p)?, key, value)
    }));
    tp.slots.sq_contains.set(Some(|vm, p, item| {
        crate::protocols::contains(vm, &unwrap(vm, p)?, item)
    }));
    tp.slots.iter.set(Some(|vm, p| vm.iter(&unwrap(vm, p)?)));
    tp.slots.iternext.set(Some(|vm, p| {
        let o = unwrap(vm, p)?;
        if vm.type_payload_of(&o).slots.iternext.get().is_none() {
            return Err(vm.new_type_error(format!(
                "Weakref proxy referenced a non-iterator '{}' object",
                vm.type_name(&o)
            )));
        }
        vm.next(&o)
    }));
    proxy_binary!(tp,
        nb_add => 0, nb_and => 1, nb_floor_divide => 2, nb_lshift => 3,
        nb_matrix_multiply => 4, nb_multiply => 5, nb_remainder => 6, nb_or => 7,
        nb_rshift => 9, nb_subtract => 10, nb_true_divide => 11, nb_xor => 12,
        nb_inplace_add => 13, nb_inplace_and => 14, nb_inplace_floor_divide => 15,
        nb_inplace_lshift => 16, nb_inplace_matrix_multiply => 17,
        nb_inplace_multiply => 18, nb_inplace_remainder => 19, nb_inplace_or => 20,
        nb_inplace_rshift => 22, nb_inplace_subtract => 23,
        nb_inplace_true_divide => 24, nb_inplace_xor => 25,
    );
    tp.slots.nb_divmod.set(Some(|vm, a, b| {
        let divmod = vm.getattr_str(&vm.builtins, "divmod")?;
        vm.call(
            &divmod,
            Args::positional_only(&[unwrap(vm, a)?, unwrap(vm, b)?]),
        )
    }));
    tp.slots.nb_power.set(Some(|vm, a, b, m| {
        let (a, b) = (unwrap(vm, a)?, unwrap(vm, b)?);
        if vm.is_none(m) {
            return crate::protocols::binary_op(vm, &a, &b, 8);
        }
        let pow = vm.getattr_str(&vm.builtins, "pow")?;
        vm.call(&pow, Args::positional_only(&[a, b, unwrap(vm, m)?]))
    }));
    tp.slots.nb_inplace_power.set(Some(|vm, a, b, _| {
        crate::protocols::binary_op(vm, &unwrap(vm, a)?, &unwrap(vm, b)?, 21)
    }));
    proxy_unary!(tp,
        nb_negative => "unary -", nb_positive => "unary +", nb_absolute => "abs()",
        nb_invert => "unary ~",
    );
    tp.slots.nb_int.set(Some(|vm, p| {
        vm.call(&vm.types.int, Args::positional_only(&[unwrap(vm, p)?]))
    }));
    tp.slots.nb_float.set(Some(|vm, p| {
        vm.call(&vm.types.float, Args::positional_only(&[unwrap(vm, p)?]))
    }));
    tp.slots.nb_index.set(Some(|vm, p| {
        let o = unwrap(vm, p)?;
        match vm.type_payload_of(&o).slots.nb_index.get() {
            Some(f) => f(vm, &o),
            None => Err(vm.new_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(&o)
            ))),
        }
    }));
    crate::slots::add_slot_wrappers(vm, ty);
    crate::objects::function::add_methods(
        vm,
        ty,
        &[
            ("__bytes__", |vm, args| {
                crate::objects::function::check_arity(vm, "__bytes__", args, 1, 1)?;
                let o = unwrap(vm, &args.values[0])?;
                vm.call(&vm.types.bytes, Args::positional_only(&[o]))
            }),
            ("__reversed__", |vm, args| {
                crate::objects::function::check_arity(vm, "__reversed__", args, 1, 1)?;
                let o = unwrap(vm, &args.values[0])?;
                vm.call(&vm.types.reversed, Args::positional_only(&[o]))
            }),
        ],
    );
}

pub(crate) fn init(vm: &Vm) {
    let module = vm.new_str("weakref");
    let tp = type_payload(&vm.types.weakref);
    tp.slots.new.set(Some(weakref_new));
    tp.slots.init.set(Some(|vm, _, args| {
        ref_arguments(vm, "__init__", args).map(drop)
    }));
    tp.slots.call.set(Some(|vm, r, args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("weakref() takes no keyword arguments"));
        }
        unpack_count(vm, "weakref", args.values.len(), 0, 0)?;
        Ok(payload(r)
            .and_then(WeakRefObject::referent)
            .unwrap_or_else(|| vm.none.clone()))
    }));
    tp.slots.repr.set(Some(ref_repr));
    tp.slots.hash.set(Some(ref_hash));
    tp.slots.richcompare.set(Some(ref_richcompare));
    crate::slots::add_slot_wrappers(vm, &vm.types.weakref);
    crate::objects::descr::add_getset(
        vm,
        &vm.types.weakref,
        "__callback__",
        |vm, r| {
            Ok(payload(r)
                .and_then(|w| w.callback.borrow().clone())
                .unwrap_or_else(|| vm.none.clone()))
        },
        None,
    );
    init_proxy(vm, &vm.types.weakproxy);
    init_proxy(vm, &vm.types.weakcallableproxy);
    type_payload(&vm.types.weakcallableproxy)
        .slots
        .call
        .set(Some(|vm, p, args| vm.call(&unwrap(vm, p)?, args)));
    for ty in [
        &vm.types.weakref,
        &vm.types.weakproxy,
        &vm.types.weakcallableproxy,
    ] {
        type_payload(ty)
            .dict
            .set_str(vm, vm.names.__module__.clone(), module.clone());
    }
    // `list.append` and the like are method descriptors, which CPython
    // does not let be weakly referenced, unlike the functions they share
    // a layout with.
    type_payload(&vm.types.method_descriptor)
        .weaklist_offset
        .set(None);
}
