//! `object`, the root of every class, and the generic operations every
//! object supports (Objects/object.c): repr, str, hash, rich comparison,
//! truth, and attribute access through descriptors and instance dicts.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::dict::DictObject;
use crate::objects::str::as_rust_str;
use crate::typeobject::{is_subtype, Args, CompareOp, GetattroFn, InitFn, NewFn};
use crate::vm::Vm;

/// The payload of `object()` and of singletons such as None: nothing.
#[derive(krait_derive::Traverse)]
pub struct ObjectPayload;

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.object_type);
    tp.slots.repr.set(Some(object_repr));
    tp.slots.str.set(Some(object_str));
    tp.slots.hash.set(Some(object_hash));
    tp.slots.richcompare.set(Some(object_richcompare));
    tp.slots.getattro.set(Some(generic_getattr));
    tp.slots.setattro.set(Some(generic_setattr));
    tp.slots.new.set(Some(object_new));
    tp.slots.init.set(Some(object_init));
    crate::slots::add_slot_wrappers(vm, &vm.object_type);
    crate::objects::function::add_methods(
        vm,
        &vm.object_type,
        &[
            ("__dir__", object_dir),
            ("__format__", object_format),
            ("__sizeof__", object_sizeof),
        ],
    );
    tp.dict.set_str(
        vm,
        vm.names.__doc__.clone(),
        vm.new_str(
            "The base class of the class hierarchy.\n\n\
             When called, it accepts no arguments and returns a new featureless\n\
             instance that has no instance attributes and cannot be given any.\n",
        ),
    );
    crate::objects::descr::add_getset(vm, &vm.object_type, "__class__", object_get_class, None);

    let none = type_payload(&vm.types.none);
    none.slots.repr.set(Some(|vm, _| Ok(vm.new_str("None"))));
    none.slots.nb_bool.set(Some(|_, _| Ok(false)));
    none.slots
        .hash
        .set(Some(|_, o| Ok(static_object_hash(o, 0xbe0))));
    none.slots.new.set(None);
    crate::slots::add_slot_wrappers(vm, &vm.types.none);
    let not_implemented = type_payload(&vm.types.not_implemented);
    not_implemented
        .slots
        .repr
        .set(Some(|vm, _| Ok(vm.new_str("NotImplemented"))));
    not_implemented.slots.new.set(None);
    not_implemented
        .slots
        .hash
        .set(Some(|_, o| Ok(static_object_hash(o, 0xa30))));
    crate::slots::add_slot_wrappers(vm, &vm.types.not_implemented);
    let ellipsis = type_payload(&vm.types.ellipsis);
    ellipsis
        .slots
        .repr
        .set(Some(|vm, _| Ok(vm.new_str("Ellipsis"))));
    ellipsis.slots.new.set(None);
    ellipsis
        .slots
        .hash
        .set(Some(|_, o| Ok(static_object_hash(o, 0xe60))));
    crate::slots::add_slot_wrappers(vm, &vm.types.ellipsis);
    // The singletons reduce to their names, which pickle looks up.
    crate::objects::function::add_methods(
        vm,
        &vm.types.ellipsis,
        &[("__reduce__", |vm, args| {
            crate::objects::function::check_arity(vm, "__reduce__", args, 1, 1)?;
            Ok(vm.new_str("Ellipsis"))
        })],
    );
    crate::objects::function::add_methods(
        vm,
        &vm.types.not_implemented,
        &[("__reduce__", |vm, args| {
            crate::objects::function::check_arity(vm, "__reduce__", args, 1, 1)?;
            Ok(vm.new_str("NotImplemented"))
        })],
    );
}

fn object_repr(vm: &Vm, object: &Object) -> PyResult {
    let ty = vm.type_of(object);
    let module = type_module_name(vm, ty);
    let qualname = type_payload(ty).qualname.borrow().clone();
    let name = match module {
        Some(m) if m != "builtins" => format!("{m}.{qualname}"),
        _ => qualname,
    };
    Ok(vm.new_str(&format!("<{name} object at {:#x}>", object.id())))
}

/// The `__module__` of a type, if it is a str.
pub fn type_module_name(vm: &Vm, ty: &Object) -> Option<String> {
    let tp = type_payload(ty);
    match tp.dict.get_str(vm, &vm.names.__module__) {
        Some(m) => m
            .payload::<crate::objects::str::StrObject>()
            .map(|s| s.to_string_lossy()),
        None => Some("builtins".to_string()),
    }
}

fn object_str(vm: &Vm, object: &Object) -> PyResult {
    vm.repr(object)
}

fn object_hash(_vm: &Vm, object: &Object) -> PyResult<i64> {
    // CPython rotates the address by 4 bits, as the low ones are always 0.
    let h = object.id().rotate_right(4) as i64;
    Ok(if h == -1 { -2 } else { h })
}

/// The hash of a singleton that CPython 3.11 keeps in static memory: its
/// address's hash, the address ending in the bits CPython's ends in
/// (the same in every run, as only whole pages move), so that sets holding
/// it are ordered as CPython orders them.
fn static_object_hash(object: &Object, low_bits: usize) -> i64 {
    let address = (object.id() & !0xfff) | low_bits;
    address.rotate_right(4) as i64
}

fn object_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    match op {
        CompareOp::Eq => Ok(if a.is(b) {
            vm.true_.clone()
        } else {
            vm.not_implemented.clone()
        }),
        CompareOp::Ne => {
            // `__ne__` inverts `__eq__` unless that is NotImplemented.
            let eq = match vm.type_payload_of(a).slots.richcompare.get() {
                Some(f) => f(vm, a, b, CompareOp::Eq)?,
                None => vm.not_implemented.clone(),
            };
            if eq.is(&vm.not_implemented) {
                Ok(eq)
            } else {
                Ok(vm.new_bool(!vm.is_true(&eq)?))
            }
        }
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn object_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let tp = type_payload(ty);
    if !args.values.is_empty() {
        // Extra arguments are an error only if __init__ is not overridden
        // and __new__ is (or the other way round), as object_new says.
        let init_overridden = !tp
            .slots
            .init
            .get()
            .is_some_and(|f| std::ptr::fn_addr_eq(f, object_init as InitFn));
        let new_overridden = !tp
            .slots
            .new
            .get()
            .is_some_and(|f| std::ptr::fn_addr_eq(f, object_new as NewFn));
        if new_overridden || !init_overridden {
            return Err(vm.new_type_error(format!("{}() takes no arguments", tp.name())));
        }
    }
    if tp.has_flag(crate::typeobject::flags::IS_ABSTRACT) {
        return Err(abstract_instantiation_error(vm, ty));
    }
    if tp.layout != crate::typeobject::Layout::Object {
        return Err(vm.new_type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            tp.name(),
            tp.name()
        )));
    }
    Ok(crate::object::alloc(ty, ObjectPayload))
}

/// "Can't instantiate abstract class": the class's abstract methods,
/// sorted.
fn abstract_instantiation_error(vm: &Vm, ty: &Object) -> crate::errors::PyErr {
    let names = match vm
        .getattr_str(ty, "__abstractmethods__")
        .and_then(|m| vm.collect_iterable(&m))
    {
        Ok(names) => names,
        Err(e) => return e,
    };
    let mut texts = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match name.payload::<crate::objects::str::StrObject>() {
            Some(s) => texts.push(s.to_string_lossy()),
            None => {
                return vm.new_type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(name)
                ))
            }
        }
    }
    texts.sort();
    vm.new_type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        type_payload(ty).name(),
        if texts.len() > 1 { "s" } else { "" },
        texts.join(", ")
    ))
}

fn object_init(vm: &Vm, object: &Object, args: Args) -> PyResult<()> {
    if !args.values.is_empty() {
        let tp = vm.type_payload_of(object);
        let init_overridden = !tp
            .slots
            .init
            .get()
            .is_some_and(|f| std::ptr::fn_addr_eq(f, object_init as InitFn));
        let new_overridden = !tp
            .slots
            .new
            .get()
            .is_some_and(|f| std::ptr::fn_addr_eq(f, object_new as NewFn));
        if init_overridden || !new_overridden {
            return Err(vm.new_type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                tp.name()
            )));
        }
    }
    Ok(())
}

fn object_dir(vm: &Vm, args: Args) -> PyResult {
    let object = &args.values[0];
    let result = vm.new_dict();
    let dict = result.payload::<DictObject>().map(|d| &d.dict);
    if let (Some(own), Some(dict)) = (instance_dict(vm, object), dict) {
        let keys = own
            .payload::<DictObject>()
            .map(|d| d.dict.keys())
            .unwrap_or_default();
        for key in keys {
            dict.set(vm, key, vm.none.clone())?;
        }
    }
    if let Some(dict) = dict {
        for ty in vm.type_payload_of(object).mro.borrow().iter() {
            for key in type_payload(ty).dict.keys() {
                dict.set(vm, key, vm.none.clone())?;
            }
        }
    }
    let keys = result
        .payload::<DictObject>()
        .map(|d| d.dict.keys())
        .unwrap_or_default();
    Ok(vm.new_list(keys))
}

fn object_format(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "__format__", args, 2, 2)?;
    let spec = &args.values[1];
    let Some(spec_str) = spec.payload::<crate::objects::str::StrObject>() else {
        return Err(vm.new_type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(spec)
        )));
    };
    if !spec_str.is_empty() {
        return Err(vm.new_type_error(format!(
            "unsupported format string passed to {}.__format__",
            vm.type_name(&args.values[0])
        )));
    }
    vm.str(&args.values[0])
}

/// `object.__sizeof__()`: the bytes of the instance itself (its header,
/// payload and instance words), not what it refers to.
fn object_sizeof(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "object.__sizeof__", args, 1, 1)?;
    let size = vm.type_payload_of(&args.values[0]).basicsize.get();
    Ok(vm.new_int(size as i64))
}

fn object_get_class(vm: &Vm, object: &Object) -> PyResult {
    Ok(vm.type_of(object).clone())
}

/// The word of `object` holding its instance `__dict__`, if its type
/// gives instances one.
#[inline]
fn dict_word<'a>(vm: &Vm, object: &'a Object) -> Option<&'a std::cell::Cell<Option<Object>>> {
    let offset = vm.type_payload_of(object).dict_offset.get()?;
    // SAFETY: the type places the instance dict at this offset.
    Some(unsafe { object.instance_slot(offset) })
}

/// The dict in a `__dict__` word, leaving it there.
#[inline]
fn read_dict(word: &std::cell::Cell<Option<Object>>) -> Option<Object> {
    // SAFETY: cloning the dict only increments its count, which runs no
    // code that could change the word meanwhile.
    unsafe { (*word.as_ptr()).clone() }
}

/// The instance `__dict__` of `object`, made on first use (with the
/// attributes its value words held), if its type gives instances one.
pub fn instance_dict(vm: &Vm, object: &Object) -> Option<Object> {
    let word = dict_word(vm, object)?;
    if let Some(dict) = read_dict(word) {
        return Some(dict);
    }
    let dict = vm.type_payload_of(object).values.make_dict(vm, object);
    word.set(Some(dict.clone()));
    Some(dict)
}

/// Replaces the instance `__dict__` of `object` (`obj.__dict__ = d`), its
/// value words emptied: false if its type gives instances no dict.
pub fn set_instance_dict(vm: &Vm, object: &Object, dict: Object) -> bool {
    let Some(word) = dict_word(vm, object) else {
        return false;
    };
    let old = word.replace(Some(dict));
    let values = vm.type_payload_of(object).values.take_all(object);
    drop((old, values));
    true
}

/// The instance attribute `name` of `object`, from its value words or its
/// dict.
pub fn instance_dict_get(vm: &Vm, object: &Object, name: &Object) -> Option<Object> {
    let word = dict_word(vm, object)?;
    match read_dict(word) {
        Some(dict) => dict
            .payload::<DictObject>()
            .and_then(|d| d.dict.get_str(vm, name)),
        None => vm.type_payload_of(object).values.get(vm, object, name),
    }
}

/// Where `name` is in the instance dict of `object`, if it has a dict
/// holding it: a hint for the eval loop's attribute caches.
pub fn instance_dict_index(vm: &Vm, object: &Object, name: &Object) -> Option<usize> {
    with_instance_dict(vm, object, |d| d.index_of_str(vm, name)).flatten()
}

/// Whether `object` keeps its attributes in its value words, its dict not
/// made.
#[inline]
pub fn uses_values(vm: &Vm, object: &Object) -> bool {
    vm.type_payload_of(object).values.has_values()
        && dict_word(vm, object).is_some_and(|w| read_dict(w).is_none())
}

/// Whether `object` has no instance attributes, in value words or a dict
/// (`_PyObject_IsInstanceDictEmpty`).
pub fn instance_dict_is_empty(vm: &Vm, object: &Object) -> bool {
    match dict_word(vm, object).and_then(read_dict) {
        Some(dict) => dict
            .payload::<DictObject>()
            .is_none_or(|d| d.dict.is_empty()),
        None => vm.type_payload_of(object).values.is_empty(object),
    }
}

/// Runs `f` on the instance dict of `object`, if it has one made.
#[inline]
pub fn with_instance_dict<R>(
    vm: &Vm,
    object: &Object,
    f: impl FnOnce(&crate::objects::dict::Dict) -> R,
) -> Option<R> {
    let dict = read_dict(dict_word(vm, object)?)?;
    let result = dict.payload::<DictObject>().map(|d| f(&d.dict));
    result
}

/// Sets or deletes the instance attribute `name` of `object`, in its
/// value words while they can hold it, else in its dict; None if its type
/// gives instances no dict.
fn set_instance_attribute(
    vm: &Vm,
    object: &Object,
    name: &Object,
    value: Option<&Object>,
) -> Option<PyResult<()>> {
    if uses_values(vm, object) {
        let values = &vm.type_payload_of(object).values;
        match value {
            Some(value) => {
                if let Ok(old) = values.store(vm, object, name, value.clone()) {
                    drop(old);
                    return Some(Ok(()));
                }
            }
            None => {
                return Some(match values.remove(vm, object, name) {
                    Some(_) => Ok(()),
                    None => Err(vm.new_no_attribute(object, name)),
                })
            }
        }
    }
    let dict = instance_dict(vm, object)?;
    let dict = &dict
        .payload::<DictObject>()
        .expect("instance dicts are dicts")
        .dict;
    Some(match value {
        Some(value) => dict.set(vm, name.clone(), value.clone()),
        None => match dict.remove(vm, name) {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(vm.new_no_attribute(object, name)),
            Err(e) => Err(e),
        },
    })
}

/// The hash slot of a class that sets `__hash__ = None`
/// (`PyObject_HashNotImplemented`).
pub fn hash_not_implemented(vm: &Vm, object: &Object) -> PyResult<i64> {
    Err(vm.new_type_error(format!("unhashable type: '{}'", vm.type_name(object))))
}

/// Reads an attribute through the type's descriptors and the instance
/// dict (`PyObject_GenericGetAttr`). `name` is a str.
pub fn generic_getattr(vm: &Vm, object: &Object, name: &Object) -> PyResult {
    match generic_getattr_opt(vm, object, name)? {
        Some(v) => Ok(v),
        None => Err(vm.new_no_attribute(object, name)),
    }
}

/// [`generic_getattr`], with a missing attribute as None rather than an
/// AttributeError.
pub fn generic_getattr_opt(vm: &Vm, object: &Object, name: &Object) -> PyResult<Option<Object>> {
    let ty = vm.type_of(object);
    let tp = type_payload(ty);
    let descr = tp.lookup(vm, name);
    let mut getter = None;
    if let Some(descr) = &descr {
        let dtp = vm.type_payload_of(descr);
        getter = dtp.slots.descr_get.get();
        if let (Some(get), Some(_)) = (getter, dtp.slots.descr_set.get()) {
            return get(vm, descr, Some(object), ty).map(Some);
        }
    }
    if let Some(found) = instance_dict_get(vm, object, name) {
        return Ok(Some(found));
    }
    match (getter, descr) {
        (Some(get), Some(descr)) => get(vm, &descr, Some(object), ty).map(Some),
        (None, Some(descr)) => Ok(Some(descr)),
        _ => Ok(None),
    }
}

/// Sets or deletes an attribute through data descriptors or the instance
/// dict (`PyObject_GenericSetAttr`).
pub fn generic_setattr(
    vm: &Vm,
    object: &Object,
    name: &Object,
    value: Option<&Object>,
) -> PyResult<()> {
    let tp = vm.type_payload_of(object);
    if let Some(descr) = tp.lookup(vm, name) {
        if let Some(set) = vm.type_payload_of(&descr).slots.descr_set.get() {
            return set(vm, &descr, object, value);
        }
    }
    match set_instance_attribute(vm, object, name, value) {
        Some(result) => result,
        None => {
            let attr = as_rust_str(name);
            Err(match tp.lookup(vm, name) {
                Some(_) => vm.new_exception(
                    &vm.exceptions.attribute_error,
                    format!(
                        "'{}' object attribute '{attr}' is read-only",
                        tp.tp_name(vm)
                    ),
                ),
                None => vm.new_exception(
                    &vm.exceptions.attribute_error,
                    format!("'{}' object has no attribute '{attr}'", tp.tp_name(vm)),
                ),
            })
        }
    }
}

impl Vm {
    /// `repr(object)`.
    pub fn repr(&self, object: &Object) -> PyResult {
        let f = self
            .type_payload_of(object)
            .slots
            .repr
            .get()
            .unwrap_or(object_repr);
        let _guard =
            crate::recursion::RecursionGuard::enter(self, " while getting the repr of an object")?;
        let result = f(self, object)?;
        if !self.is_instance(&result, &self.types.str) {
            return Err(self.new_type_error(format!(
                "__repr__ returned non-string (type {})",
                self.type_name(&result)
            )));
        }
        Ok(result)
    }

    /// `str(object)`.
    pub fn str(&self, object: &Object) -> PyResult {
        if object.heap_type().is_some_and(|t| t.is(&self.types.str)) {
            return Ok(object.clone());
        }
        let f = self
            .type_payload_of(object)
            .slots
            .str
            .get()
            .unwrap_or(object_str);
        let result = f(self, object)?;
        if !self.is_instance(&result, &self.types.str) {
            return Err(self.new_type_error(format!(
                "__str__ returned non-string (type {})",
                self.type_name(&result)
            )));
        }
        Ok(result)
    }

    /// `repr(object)` as a Rust string.
    pub fn repr_string(&self, object: &Object) -> PyResult<String> {
        Ok(as_rust_str(&self.repr(object)?).into_owned())
    }

    /// `str(object)` as a Rust string.
    pub fn str_string(&self, object: &Object) -> PyResult<String> {
        Ok(as_rust_str(&self.str(object)?).into_owned())
    }

    /// `hash(object)`.
    pub fn hash(&self, object: &Object) -> PyResult<i64> {
        if let Some(i) = object.as_small_int() {
            return Ok(crate::objects::int::hash_i64(i));
        }
        match self.type_payload_of(object).slots.hash.get() {
            Some(f) => f(self, object),
            None => {
                Err(self.new_type_error(format!("unhashable type: '{}'", self.type_name(object))))
            }
        }
    }

    /// `bool(object)` (`PyObject_IsTrue`).
    pub fn is_true(&self, object: &Object) -> PyResult<bool> {
        if object.is(&self.true_) {
            return Ok(true);
        }
        if object.is(&self.false_) || object.is(&self.none) {
            return Ok(false);
        }
        if let Some(i) = object.as_small_int() {
            return Ok(i != 0);
        }
        let tp = self.type_payload_of(object);
        if let Some(f) = tp.slots.nb_bool.get() {
            return f(self, object);
        }
        if let Some(f) = tp.slots.length.get() {
            return Ok(f(self, object)? != 0);
        }
        Ok(true)
    }

    /// `a op b` (`PyObject_RichCompare`): the reflected operation of the
    /// right operand first when its type is a subclass of the left's.
    pub fn rich_compare(&self, a: &Object, b: &Object, op: CompareOp) -> PyResult {
        let _guard = crate::recursion::RecursionGuard::enter(self, " in comparison")?;
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let mut checked_reverse = false;
        if !ta.is(tb) && is_subtype(tb, ta) {
            if let Some(f) = type_payload(tb).slots.richcompare.get() {
                checked_reverse = true;
                let r = f(self, b, a, op.swapped())?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = type_payload(ta).slots.richcompare.get() {
            let r = f(self, a, b, op)?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        if !checked_reverse {
            if let Some(f) = type_payload(tb).slots.richcompare.get() {
                let r = f(self, b, a, op.swapped())?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOp::Eq => Ok(self.new_bool(a.is(b))),
            CompareOp::Ne => Ok(self.new_bool(!a.is(b))),
            _ => Err(self.new_type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// `a op b` as a bool (`PyObject_RichCompareBool`): identity implies
    /// equality, as in CPython's containers.
    pub fn compare_bool(&self, a: &Object, b: &Object, op: CompareOp) -> PyResult<bool> {
        if a.is(b) {
            if op == CompareOp::Eq {
                return Ok(true);
            }
            if op == CompareOp::Ne {
                return Ok(false);
            }
        }
        let r = self.rich_compare(a, b, op)?;
        self.is_true(&r)
    }

    pub fn eq(&self, a: &Object, b: &Object) -> PyResult<bool> {
        self.compare_bool(a, b, CompareOp::Eq)
    }

    /// `getattr(object, name)`; `name` is a str.
    pub fn getattr(&self, object: &Object, name: &Object) -> PyResult {
        match self.type_payload_of(object).slots.getattro.get() {
            Some(f) => f(self, object, name),
            None => generic_getattr(self, object, name),
        }
    }

    /// `getattr(object, name)` by a Rust string.
    pub fn getattr_str(&self, object: &Object, name: &str) -> PyResult {
        let name = self.intern(name);
        self.getattr(object, &name)
    }

    /// `getattr(object, name, None)`-like: None only for AttributeError.
    pub fn getattr_opt(&self, object: &Object, name: &Object) -> PyResult<Option<Object>> {
        let getattro = self.type_payload_of(object).slots.getattro.get();
        let found =
            if getattro.is_none_or(|f| std::ptr::fn_addr_eq(f, generic_getattr as GetattroFn)) {
                // A descriptor's getter may raise AttributeError too.
                generic_getattr_opt(self, object, name)
            } else {
                self.getattr(object, name).map(Some)
            };
        match found {
            Ok(v) => Ok(v),
            Err(e) if e.matches(self, &self.exceptions.attribute_error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `setattr(object, name, value)`, or `delattr` for None.
    pub fn setattr(&self, object: &Object, name: &Object, value: Option<&Object>) -> PyResult<()> {
        match self.type_payload_of(object).slots.setattro.get() {
            Some(f) => f(self, object, name, value),
            None => {
                let attr = as_rust_str(name);
                let tp = self.type_payload_of(object);
                let has_attrs = tp.lookup(self, name).is_some();
                Err(self.new_exception(
                    &self.exceptions.attribute_error,
                    if has_attrs {
                        format!(
                            "'{}' object attribute '{attr}' is read-only",
                            tp.tp_name(self)
                        )
                    } else {
                        format!("'{}' object has no attribute '{attr}'", tp.tp_name(self))
                    },
                ))
            }
        }
    }

    /// Looks a special method up on the type, bound to `object`
    /// (`_PyObject_LookupSpecial`).
    pub fn lookup_special(&self, object: &Object, name: &Object) -> PyResult<Option<Object>> {
        let ty = self.type_of(object);
        let Some(descr) = type_payload(ty).lookup(self, name) else {
            return Ok(None);
        };
        match self.type_payload_of(&descr).slots.descr_get.get() {
            Some(get) => get(self, &descr, Some(object), ty).map(Some),
            None => Ok(Some(descr)),
        }
    }
}
