//! Descriptors (Objects/descrobject.c, Objects/funcobject.c's classmethod
//! and staticmethod): slot wrappers such as `int.__add__`, getset
//! descriptors for attributes computed in Rust, `property`,
//! `classmethod`, `staticmethod`, and the read-only `mappingproxy` a
//! type's `__dict__` is seen through.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::RefCell;

/// `int.__add__` and its kind: a type's slot, callable from Python
/// (`wrapperobject`). `call` reads the slot of `objclass` and calls it.
#[derive(krait_derive::Traverse)]
pub struct SlotWrapperObject {
    pub name: &'static str,
    #[traverse(skip)]
    pub call: fn(&Vm, &Object, Args) -> PyResult,
    pub objclass: Object,
}

pub type Getter = fn(&Vm, &Object) -> PyResult;
pub type Setter = fn(&Vm, &Object, Option<&Object>) -> PyResult<()>;

/// An attribute computed by Rust functions (`PyGetSetDescrObject`).
#[derive(krait_derive::Traverse)]
pub struct GetSetObject {
    pub name: &'static str,
    #[traverse(skip)]
    pub get: Getter,
    #[traverse(skip)]
    pub set: Option<Setter>,
    pub objclass: Object,
}

/// A `__slots__` attribute: a word of the instance (`PyMemberDescrObject`).
#[derive(krait_derive::Traverse)]
pub struct MemberObject {
    pub name: String,
    pub offset: usize,
    pub objclass: Object,
    /// Set once when the instance is made, as a struct sequence's fields.
    pub readonly: bool,
}

#[derive(krait_derive::Traverse)]
pub struct ClassMethodObject {
    pub callable: RefCell<Object>,
}

#[derive(krait_derive::Traverse)]
pub struct StaticMethodObject {
    pub callable: RefCell<Object>,
}

#[derive(krait_derive::Traverse)]
pub struct PropertyObject {
    pub fget: Option<Object>,
    pub fset: Option<Object>,
    pub fdel: Option<Object>,
    /// Writable, as CPython's `__doc__` member of property is.
    pub doc: RefCell<Option<Object>>,
}

/// A read-only view of a mapping (`types.MappingProxyType`): a type's
/// namespace, or a mapping object such as a pattern's `groupindex`.
#[derive(krait_derive::Traverse)]
pub struct MappingProxyObject {
    /// The type, or the mapping.
    pub mapping: Object,
}

/// A read-only view of `mapping`.
pub fn new_mappingproxy(vm: &Vm, mapping: Object) -> Object {
    object::alloc(&vm.types.mappingproxy, MappingProxyObject { mapping })
}

fn proxied(proxy: &Object) -> &Object {
    &proxy
        .payload::<MappingProxyObject>()
        .expect("a mappingproxy")
        .mapping
}

/// The namespace behind a proxy of a type.
fn proxied_namespace(proxy: &Object) -> Option<&crate::objects::dict::Dict> {
    proxied(proxy)
        .payload::<crate::typeobject::TypeObject>()
        .map(|tp| &tp.dict)
}

/// What a proxy's methods pass their calls on to: the mapping, or a
/// copy of a type's namespace as a dict.
fn proxy_delegate(vm: &Vm, proxy: &Object) -> Object {
    match proxied_namespace(proxy) {
        Some(namespace) => object::alloc(
            &vm.types.dict,
            crate::objects::dict::DictObject {
                dict: namespace.copy(),
            },
        ),
        None => proxied(proxy).clone(),
    }
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.slot_wrapper);
    tp.slots.call.set(Some(|vm, w, args| {
        let w = w.payload::<SlotWrapperObject>().expect("a slot wrapper");
        let Some(first) = args.positional().first() else {
            return Err(vm.new_type_error(format!(
                "descriptor '{}' of '{}' object needs an argument",
                w.name,
                type_payload(&w.objclass).name()
            )));
        };
        check_self(vm, w.name, &w.objclass, first)?;
        (w.call)(vm, &w.objclass, args)
    }));
    tp.slots
        .descr_get
        .set(Some(|vm, w, instance, _| match instance {
            Some(i) => Ok(crate::objects::function::new_method(
                vm,
                w.clone(),
                i.clone(),
            )),
            None => Ok(w.clone()),
        }));
    tp.slots.repr.set(Some(|vm, w| {
        let w = w.payload::<SlotWrapperObject>().expect("a slot wrapper");
        Ok(vm.new_str(&format!(
            "<slot wrapper '{}' of '{}' objects>",
            w.name,
            type_payload(&w.objclass).name()
        )))
    }));

    let tp = type_payload(&vm.types.getset_descriptor);
    tp.slots.descr_get.set(Some(|vm, descr, instance, _| {
        let d = descr
            .payload::<GetSetObject>()
            .expect("a getset descriptor");
        match instance {
            Some(i) => {
                check_self(vm, d.name, &d.objclass, i)?;
                (d.get)(vm, i)
            }
            None => Ok(descr.clone()),
        }
    }));
    tp.slots.repr.set(Some(|vm, d| {
        let d = d.payload::<GetSetObject>().expect("a getset descriptor");
        Ok(vm.new_str(&format!(
            "<attribute '{}' of '{}' objects>",
            d.name,
            type_payload(&d.objclass).name()
        )))
    }));
    tp.slots.descr_set.set(Some(|vm, d, instance, value| {
        let d = d.payload::<GetSetObject>().expect("a getset descriptor");
        check_self(vm, d.name, &d.objclass, instance)?;
        match d.set {
            Some(set) => set(vm, instance, value),
            None => Err(vm.new_exception(
                &vm.exceptions.attribute_error,
                format!(
                    "attribute '{}' of '{}' objects is not writable",
                    d.name,
                    type_payload(&d.objclass).tp_name(vm)
                ),
            )),
        }
    }));

    let tp = type_payload(&vm.types.member_descriptor);
    tp.slots.descr_get.set(Some(|vm, d, instance, _| {
        let Some(instance) = instance else {
            return Ok(d.clone());
        };
        let (slot, name) = member_slot(vm, d, instance)?;
        let value = slot.take();
        slot.set(value.clone());
        value.ok_or_else(|| {
            vm.new_exception(
                &vm.exceptions.attribute_error,
                format!(
                    "'{}' object has no attribute '{name}'",
                    vm.type_name(instance)
                ),
            )
        })
    }));
    tp.slots.descr_set.set(Some(|vm, d, instance, value| {
        if d.payload::<MemberObject>().is_some_and(|m| m.readonly) {
            return Err(vm.new_exception(&vm.exceptions.attribute_error, "readonly attribute"));
        }
        let (slot, name) = member_slot(vm, d, instance)?;
        let old = slot.replace(value.cloned());
        if old.is_none() && value.is_none() {
            return Err(vm.new_exception(&vm.exceptions.attribute_error, name));
        }
        drop(old);
        Ok(())
    }));
    tp.slots.repr.set(Some(|vm, d| {
        let m = d.payload::<MemberObject>().expect("a member descriptor");
        Ok(vm.new_str(&format!(
            "<member '{}' of '{}' objects>",
            m.name,
            type_payload(&m.objclass).name()
        )))
    }));

    let tp = type_payload(&vm.types.classmethod);
    tp.slots.descr_get.set(Some(|vm, d, instance, owner| {
        let callable = d
            .payload::<ClassMethodObject>()
            .expect("a classmethod")
            .callable
            .borrow()
            .clone();
        let owner = match instance {
            Some(i) if owner.is(&vm.none) => vm.type_of(i).clone(),
            _ => owner.clone(),
        };
        Ok(crate::objects::function::new_method(vm, callable, owner))
    }));
    tp.slots.new.set(Some(|vm, ty, args| {
        let [callable] = one_argument(vm, "classmethod", args)?;
        let wrapper = object::alloc(
            ty,
            ClassMethodObject {
                callable: RefCell::new(callable.clone()),
            },
        );
        copy_wrapped_attributes(vm, &wrapper, &callable)?;
        Ok(wrapper)
    }));
    crate::objects::descr::add_getset(
        vm,
        &vm.types.classmethod,
        "__func__",
        |_, d| {
            Ok(d.payload::<ClassMethodObject>()
                .expect("a classmethod")
                .callable
                .borrow()
                .clone())
        },
        None,
    );

    let tp = type_payload(&vm.types.staticmethod);
    tp.slots.descr_get.set(Some(|_, d, _, _| {
        Ok(d.payload::<StaticMethodObject>()
            .expect("a staticmethod")
            .callable
            .borrow()
            .clone())
    }));
    tp.slots.call.set(Some(|vm, d, args| {
        let callable = d
            .payload::<StaticMethodObject>()
            .expect("a staticmethod")
            .callable
            .borrow()
            .clone();
        vm.call(&callable, args)
    }));
    tp.slots.new.set(Some(|vm, ty, args| {
        let [callable] = one_argument(vm, "staticmethod", args)?;
        let wrapper = object::alloc(
            ty,
            StaticMethodObject {
                callable: RefCell::new(callable.clone()),
            },
        );
        copy_wrapped_attributes(vm, &wrapper, &callable)?;
        Ok(wrapper)
    }));
    crate::objects::descr::add_getset(
        vm,
        &vm.types.staticmethod,
        "__func__",
        |_, d| {
            Ok(d.payload::<StaticMethodObject>()
                .expect("a staticmethod")
                .callable
                .borrow()
                .clone())
        },
        None,
    );

    for ty in [&vm.types.classmethod, &vm.types.staticmethod] {
        add_getset(vm, ty, "__wrapped__", |_, d| Ok(wrapped_callable(d)), None);
        add_getset(
            vm,
            ty,
            "__isabstractmethod__",
            |vm, d| Ok(vm.new_bool(is_abstract(vm, Some(&wrapped_callable(d)))?)),
            None,
        );
    }
    add_getset(
        vm,
        &vm.types.property,
        "__isabstractmethod__",
        |vm, p| {
            let p = prop(p);
            for f in [&p.fget, &p.fset, &p.fdel] {
                if is_abstract(vm, f.as_ref())? {
                    return Ok(vm.true_.clone());
                }
            }
            Ok(vm.false_.clone())
        },
        None,
    );

    let tp = type_payload(&vm.types.property);
    tp.slots.new.set(Some(property_new));
    tp.slots.descr_get.set(Some(|vm, p, instance, _| {
        let Some(instance) = instance else {
            return Ok(p.clone());
        };
        match &p.payload::<PropertyObject>().expect("a property").fget {
            Some(fget) => vm.call(fget, Args::positional_only(std::slice::from_ref(instance))),
            None => Err(vm.new_exception(&vm.exceptions.attribute_error, "unreadable attribute")),
        }
    }));
    tp.slots.descr_set.set(Some(|vm, p, instance, value| {
        let p = p.payload::<PropertyObject>().expect("a property");
        match value {
            Some(value) => match &p.fset {
                Some(fset) => vm
                    .call(
                        fset,
                        Args::positional_only(&[instance.clone(), value.clone()]),
                    )
                    .map(drop),
                None => {
                    Err(vm.new_exception(&vm.exceptions.attribute_error, "can't set attribute"))
                }
            },
            None => match &p.fdel {
                Some(fdel) => vm
                    .call(fdel, Args::positional_only(std::slice::from_ref(instance)))
                    .map(drop),
                None => {
                    Err(vm.new_exception(&vm.exceptions.attribute_error, "can't delete attribute"))
                }
            },
        }
    }));
    crate::objects::function::add_methods(
        vm,
        &vm.types.property,
        &[
            ("getter", |vm, args| property_copy(vm, args, 0)),
            ("setter", |vm, args| property_copy(vm, args, 1)),
            ("deleter", |vm, args| property_copy(vm, args, 2)),
        ],
    );
    for (name, index) in [("fget", 0), ("fset", 1), ("fdel", 2), ("__doc__", 3)] {
        let get: Getter = match index {
            0 => |vm, p| Ok(prop(p).fget.clone().unwrap_or_else(|| vm.none.clone())),
            1 => |vm, p| Ok(prop(p).fset.clone().unwrap_or_else(|| vm.none.clone())),
            2 => |vm, p| Ok(prop(p).fdel.clone().unwrap_or_else(|| vm.none.clone())),
            _ => |vm, p| {
                Ok(prop(p)
                    .doc
                    .borrow()
                    .clone()
                    .unwrap_or_else(|| vm.none.clone()))
            },
        };
        let set: Option<Setter> = (index == 3).then_some(|_, p, value| {
            let old = prop(p).doc.replace(value.cloned());
            drop(old);
            Ok(())
        });
        add_getset(vm, &vm.types.property, name, get, set);
    }

    let tp = type_payload(&vm.types.mappingproxy);
    tp.slots.getitem.set(Some(|vm, proxy, key| {
        let Some(namespace) = proxied_namespace(proxy) else {
            return vm.getitem(proxied(proxy), key);
        };
        match namespace.get(vm, key)? {
            Some(v) => Ok(v),
            None => Err(vm.new_key_error(key.clone())),
        }
    }));
    tp.slots
        .length
        .set(Some(|vm, proxy| match proxied_namespace(proxy) {
            Some(namespace) => Ok(namespace.len()),
            None => vm.len(proxied(proxy)),
        }));
    tp.slots
        .iter
        .set(Some(|vm, proxy| match proxied_namespace(proxy) {
            Some(namespace) => vm.iter(&vm.new_list(namespace.keys())),
            None => vm.iter(proxied(proxy)),
        }));
    tp.slots
        .sq_contains
        .set(Some(|vm, proxy, key| match proxied_namespace(proxy) {
            Some(namespace) => Ok(namespace.get(vm, key)?.is_some()),
            None => crate::protocols::contains(vm, proxied(proxy), key),
        }));
    tp.slots.repr.set(Some(|vm, proxy| {
        let inner = vm.repr_string(&proxy_delegate(vm, proxy))?;
        Ok(vm.new_str(&format!("mappingproxy({inner})")))
    }));
    tp.slots
        .str
        .set(Some(|vm, proxy| vm.str(&proxy_delegate(vm, proxy))));
    tp.slots.new.set(Some(mappingproxy_new));
    tp.slots.nb_or.set(Some(|vm, a, b| {
        let unwrap = |o: &Object| {
            if o.payload::<MappingProxyObject>().is_some() {
                proxy_delegate(vm, o)
            } else {
                o.clone()
            }
        };
        let or = krait_compiler::opcode::NB_OPS
            .iter()
            .position(|(name, _)| *name == "NB_OR")
            .expect("NB_OR is a binary operator") as u32;
        crate::protocols::binary_op(vm, &unwrap(a), &unwrap(b), or)
    }));
    tp.slots.nb_inplace_or.set(Some(|vm, _, _| {
        Err(vm.new_type_error("'|=' is not supported by mappingproxy; use '|' instead"))
    }));
    tp.slots.richcompare.set(Some(|vm, proxy, other, op| {
        vm.rich_compare(&proxy_delegate(vm, proxy), other, op)
    }));
    let delegated: &[(&'static str, crate::objects::function::NativeFn)] = &[
        ("keys", |vm, args| delegate_call(vm, "keys", args)),
        ("values", |vm, args| delegate_call(vm, "values", args)),
        ("items", |vm, args| delegate_call(vm, "items", args)),
        ("get", |vm, args| delegate_call(vm, "get", args)),
        ("copy", |vm, args| delegate_call(vm, "copy", args)),
        ("__reversed__", |vm, args| {
            delegate_call(vm, "__reversed__", args)
        }),
    ];
    crate::objects::function::add_methods(vm, &vm.types.mappingproxy, delegated);
    for ty in [
        &vm.types.member_descriptor,
        &vm.types.slot_wrapper,
        &vm.types.getset_descriptor,
        &vm.types.classmethod,
        &vm.types.staticmethod,
        &vm.types.property,
        &vm.types.mappingproxy,
    ] {
        crate::slots::add_slot_wrappers(vm, ty);
    }
}

/// `types.MappingProxyType(mapping)`: any mapping but a list or tuple.
fn mappingproxy_new(vm: &Vm, _ty: &Object, args: Args) -> PyResult {
    let [mapping] =
        crate::objects::getargs::bind(vm, "mappingproxy", args, false, &["mapping"], 1)?
            .try_into()
            .expect("one parameter");
    let mapping = mapping.expect("a required argument");
    let is_sequence =
        vm.is_instance(&mapping, &vm.types.list) || vm.is_instance(&mapping, &vm.types.tuple);
    if vm.type_payload_of(&mapping).slots.getitem.get().is_none() || is_sequence {
        return Err(vm.new_type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            vm.type_name(&mapping)
        )));
    }
    Ok(new_mappingproxy(vm, mapping))
}

/// A mappingproxy method: the same method of the mapping behind it.
fn delegate_call(vm: &Vm, name: &str, args: Args) -> PyResult {
    let target = proxy_delegate(vm, &args.values[0]);
    let method = vm.getattr_str(&target, name)?;
    vm.call(
        &method,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

fn prop(p: &Object) -> &PropertyObject {
    p.payload::<PropertyObject>().expect("a property")
}

fn check_self(vm: &Vm, name: &str, objclass: &Object, instance: &Object) -> PyResult<()> {
    if vm.is_instance(instance, objclass) {
        return Ok(());
    }
    Err(vm.new_type_error(format!(
        "descriptor '{name}' for '{}' objects doesn't apply to a '{}' object",
        type_payload(objclass).name(),
        vm.type_name(instance)
    )))
}

/// The function a classmethod or staticmethod wraps.
fn wrapped_callable(d: &Object) -> Object {
    match d.payload::<ClassMethodObject>() {
        Some(cm) => cm.callable.borrow().clone(),
        None => d
            .payload::<StaticMethodObject>()
            .expect("a classmethod or staticmethod")
            .callable
            .borrow()
            .clone(),
    }
}

/// A classmethod or staticmethod looks like the function it wraps
/// (`functools_wraps`): its name, docstring and annotations.
fn copy_wrapped_attributes(vm: &Vm, wrapper: &Object, callable: &Object) -> PyResult<()> {
    for name in [
        "__module__",
        "__name__",
        "__qualname__",
        "__doc__",
        "__annotations__",
    ] {
        let name = vm.intern(name);
        if let Some(value) = vm.getattr_opt(callable, &name)? {
            vm.setattr(wrapper, &name, Some(&value))?;
        }
    }
    Ok(())
}

/// Whether `f` says it is abstract (`_PyObject_IsAbstract`).
fn is_abstract(vm: &Vm, f: Option<&Object>) -> PyResult<bool> {
    match f {
        Some(f) => match vm.getattr_opt(f, &vm.intern("__isabstractmethod__"))? {
            Some(flag) => vm.is_true(&flag),
            None => Ok(false),
        },
        None => Ok(false),
    }
}

fn one_argument<const N: usize>(vm: &Vm, name: &str, args: Args) -> PyResult<[Object; N]> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{name}() takes no keyword arguments")));
    }
    <[Object; N]>::try_from(args.values.to_vec()).map_err(|v: Vec<Object>| {
        vm.new_type_error(format!(
            "{name} expected {N} argument{}, got {}",
            if N == 1 { "" } else { "s" },
            v.len()
        ))
    })
}

fn property_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let names = ["fget", "fset", "fdel", "doc"];
    let mut values: [Option<Object>; 4] = Default::default();
    let positional = args.positional();
    if positional.len() > 4 {
        return Err(vm.new_type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            positional.len()
        )));
    }
    for (slot, value) in values.iter_mut().zip(positional) {
        *slot = Some(value.clone());
    }
    for (name, value) in args.keywords() {
        let name = crate::objects::str::as_rust_str(name);
        match names.iter().position(|n| *n == name) {
            Some(i) => values[i] = Some(value.clone()),
            None => {
                return Err(vm.new_type_error(format!(
                    "property() got an unexpected keyword argument '{name}'"
                )))
            }
        }
    }
    let none_to_absent = |v: Option<Object>| v.filter(|v| !vm.is_none(v));
    let [fget, fset, fdel, doc] = values;
    let fget = none_to_absent(fget);
    let doc = match none_to_absent(doc) {
        Some(doc) => Some(doc),
        None => match &fget {
            Some(f) => vm
                .getattr_opt(f, &vm.names.__doc__)?
                .filter(|d| !vm.is_none(d)),
            None => None,
        },
    };
    let is_subclass = !ty.is(&vm.types.property);
    let property = object::alloc(
        ty,
        PropertyObject {
            fget,
            fset: none_to_absent(fset),
            fdel: none_to_absent(fdel),
            doc: RefCell::new(doc.clone()),
        },
    );
    if is_subclass {
        // The subclass's own `__doc__` would hide the member: the
        // docstring goes where setting the attribute puts it.
        let doc = doc.unwrap_or_else(|| vm.none.clone());
        vm.setattr(&property, &vm.names.__doc__, Some(&doc))?;
    }
    Ok(property)
}

/// `property.getter`, `.setter` and `.deleter`: a copy with one accessor
/// replaced.
fn property_copy(vm: &Vm, args: Args, which: usize) -> PyResult {
    crate::objects::function::check_arity(vm, ["getter", "setter", "deleter"][which], args, 2, 2)?;
    let p = prop(&args.values[0]);
    let f = Some(args.values[1].clone());
    let mut new = PropertyObject {
        fget: p.fget.clone(),
        fset: p.fset.clone(),
        fdel: p.fdel.clone(),
        doc: RefCell::new(p.doc.borrow().clone()),
    };
    match which {
        0 => new.fget = f,
        1 => new.fset = f,
        _ => new.fdel = f,
    }
    Ok(object::alloc(vm.type_of(&args.values[0]), new))
}

pub fn new_member(vm: &Vm, objclass: &Object, name: &str, offset: usize, readonly: bool) -> Object {
    object::alloc(
        &vm.types.member_descriptor,
        MemberObject {
            name: name.to_string(),
            offset,
            objclass: objclass.clone(),
            readonly,
        },
    )
}

/// Stores a new instance's value for a member, read-only ones included.
pub(crate) fn init_member(
    vm: &Vm,
    member: &Object,
    instance: &Object,
    value: Object,
) -> PyResult<()> {
    let (slot, _) = member_slot(vm, member, instance)?;
    slot.set(Some(value));
    Ok(())
}

fn member_slot<'a>(
    vm: &Vm,
    d: &Object,
    instance: &'a Object,
) -> PyResult<(&'a std::cell::Cell<Option<Object>>, String)> {
    let m = d.payload::<MemberObject>().expect("a member descriptor");
    if !vm.is_instance(instance, &m.objclass) {
        return Err(vm.new_type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            m.name,
            type_payload(&m.objclass).name(),
            vm.type_name(instance)
        )));
    }
    // SAFETY: instances of `objclass` (and its subclasses, which keep its
    // layout) hold an `Option<Object>` word at this offset.
    Ok((unsafe { instance.instance_slot(m.offset) }, m.name.clone()))
}

pub fn new_classmethod(vm: &Vm, callable: Object) -> Object {
    object::alloc(
        &vm.types.classmethod,
        ClassMethodObject {
            callable: RefCell::new(callable),
        },
    )
}

pub fn new_staticmethod(vm: &Vm, callable: Object) -> Object {
    object::alloc(
        &vm.types.staticmethod,
        StaticMethodObject {
            callable: RefCell::new(callable),
        },
    )
}

/// Adds an attribute computed by Rust functions to a builtin type.
pub fn add_getset(vm: &Vm, ty: &Object, name: &'static str, get: Getter, set: Option<Setter>) {
    let descr = object::alloc(
        &vm.types.getset_descriptor,
        GetSetObject {
            name,
            get,
            set,
            objclass: ty.clone(),
        },
    );
    type_payload(ty).dict.set_str(vm, vm.intern(name), descr);
}
