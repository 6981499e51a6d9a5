//! Functions and methods: Python functions (Objects/funcobject.c), functions
//! written in Rust (Objects/methodobject.c, `builtin_function_or_method`
//! and `method_descriptor`), and bound methods (Objects/classobject.c).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::RefCell;

/// A function written in Rust. For a method, `args.values[0]` is `self`.
pub type NativeFn = fn(&Vm, Args) -> PyResult;

/// A Python function (`PyFunctionObject`).
#[derive(krait_derive::Traverse)]
pub struct FunctionObject {
    pub code: Object,
    pub globals: Object,
    pub builtins: Object,
    pub name: RefCell<Object>,
    pub qualname: RefCell<Object>,
    /// `__defaults__`: a tuple, or None.
    pub defaults: RefCell<Option<Object>>,
    /// `__kwdefaults__`: a dict, or None.
    pub kwdefaults: RefCell<Option<Object>>,
    /// The cells of the free variables, a tuple.
    pub closure: Option<Object>,
    pub annotations: RefCell<Option<Object>>,
    pub doc: RefCell<Object>,
    pub module: RefCell<Object>,
}

/// A function or method written in Rust (`PyCFunctionObject`); in a
/// type's dict, unbound (`method_descriptor`), with the class it belongs to.
#[derive(krait_derive::Traverse)]
pub struct BuiltinFunctionObject {
    pub name: &'static str,
    #[traverse(skip)]
    pub func: NativeFn,
    /// The bound `self` (for a module function, the module, or None).
    pub self_: Option<Object>,
    /// For a method descriptor: the class whose instances it applies to.
    pub objclass: Option<Object>,
}

/// A bound method (`PyMethodObject`).
#[derive(krait_derive::Traverse)]
pub struct MethodObject {
    pub func: Object,
    pub self_: Object,
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.function);
    tp.slots.call.set(Some(crate::eval::call_function));
    tp.slots.descr_get.set(Some(function_get));
    tp.slots.repr.set(Some(|vm, f| {
        let qualname = f
            .payload::<FunctionObject>()
            .map(|f| crate::objects::str::as_rust_str(&f.qualname.borrow()).into_owned())
            .unwrap_or_default();
        Ok(vm.new_str(&format!("<function {qualname} at {:#x}>", f.id())))
    }));
    tp.dict_offset.set(None);
    crate::typeobject::give_instance_dict(vm, &vm.types.function);
    crate::slots::add_slot_wrappers(vm, &vm.types.function);
    add_function_attributes(vm);

    for ty in [&vm.types.builtin_function, &vm.types.method_descriptor] {
        let tp = type_payload(ty);
        tp.slots.call.set(Some(builtin_call));
        tp.slots.repr.set(Some(builtin_repr));
        crate::objects::descr::add_getset(
            vm,
            ty,
            "__name__",
            |vm, f| Ok(vm.new_str(f.payload::<BuiltinFunctionObject>().map_or("", |b| b.name))),
            None,
        );
        crate::objects::descr::add_getset(vm, ty, "__qualname__", builtin_qualname, None);
        crate::objects::descr::add_getset(
            vm,
            ty,
            "__self__",
            |vm, f| {
                Ok(f.payload::<BuiltinFunctionObject>()
                    .and_then(|b| b.self_.clone())
                    .unwrap_or_else(|| vm.none.clone()))
            },
            None,
        );
    }
    crate::objects::descr::add_getset(
        vm,
        &vm.types.method_descriptor,
        "__objclass__",
        |vm, f| {
            Ok(f.payload::<BuiltinFunctionObject>()
                .and_then(|b| b.objclass.clone())
                .unwrap_or_else(|| vm.none.clone()))
        },
        None,
    );
    type_payload(&vm.types.method_descriptor)
        .slots
        .descr_get
        .set(Some(method_descriptor_get));
    crate::slots::add_slot_wrappers(vm, &vm.types.builtin_function);
    crate::slots::add_slot_wrappers(vm, &vm.types.method_descriptor);

    let tp = type_payload(&vm.types.method);
    tp.slots.call.set(Some(method_call));
    tp.slots.repr.set(Some(method_repr));
    tp.slots.getattro.set(Some(method_getattro));
    tp.slots.new.set(Some(method_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.method);
    crate::objects::descr::add_getset(
        vm,
        &vm.types.method,
        "__func__",
        |_, m| {
            Ok(m.payload::<MethodObject>()
                .map(|m| m.func.clone())
                .unwrap_or_else(|| m.clone()))
        },
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.method,
        "__self__",
        |_, m| {
            Ok(m.payload::<MethodObject>()
                .map(|m| m.self_.clone())
                .unwrap_or_else(|| m.clone()))
        },
        None,
    );
}

/// The attributes of functions (`func_getsetlist` and `func_memberlist`),
/// with CPython's checks on what may be assigned.
fn add_function_attributes(vm: &Vm) {
    use crate::objects::descr::{add_getset, Getter, Setter};
    // Members in CPython, so assigning them has a member's message.
    let readonly: Option<Setter> =
        Some(
            |vm, _, _| Err(vm.new_exception(&vm.exceptions.attribute_error, "readonly attribute")),
        );
    let attributes: &[(&'static str, Getter, Option<Setter>)] = &[
        (
            "__name__",
            |vm, f| Ok(func(vm, f)?.name.borrow().clone()),
            Some(|vm, f, value| {
                let value = str_value(vm, value, "__name__")?;
                *func(vm, f)?.name.borrow_mut() = value;
                Ok(())
            }),
        ),
        (
            "__qualname__",
            |vm, f| Ok(func(vm, f)?.qualname.borrow().clone()),
            Some(|vm, f, value| {
                let value = str_value(vm, value, "__qualname__")?;
                *func(vm, f)?.qualname.borrow_mut() = value;
                Ok(())
            }),
        ),
        (
            "__doc__",
            |vm, f| Ok(func(vm, f)?.doc.borrow().clone()),
            Some(|vm, f, value| {
                *func(vm, f)?.doc.borrow_mut() = value.cloned().unwrap_or_else(|| vm.none.clone());
                Ok(())
            }),
        ),
        (
            "__module__",
            |vm, f| Ok(func(vm, f)?.module.borrow().clone()),
            Some(|vm, f, value| {
                *func(vm, f)?.module.borrow_mut() =
                    value.cloned().unwrap_or_else(|| vm.none.clone());
                Ok(())
            }),
        ),
        ("__code__", |vm, f| Ok(func(vm, f)?.code.clone()), None),
        (
            "__globals__",
            |vm, f| Ok(func(vm, f)?.globals.clone()),
            readonly,
        ),
        (
            "__builtins__",
            |vm, f| Ok(func(vm, f)?.builtins.clone()),
            readonly,
        ),
        (
            "__closure__",
            |vm, f| {
                Ok(func(vm, f)?
                    .closure
                    .clone()
                    .unwrap_or_else(|| vm.none.clone()))
            },
            readonly,
        ),
        (
            "__defaults__",
            |vm, f| {
                Ok(func(vm, f)?
                    .defaults
                    .borrow()
                    .clone()
                    .unwrap_or_else(|| vm.none.clone()))
            },
            Some(|vm, f, value| {
                let value = value.filter(|v| !vm.is_none(v));
                if value
                    .is_some_and(|v| v.payload::<crate::objects::tuple::TupleObject>().is_none())
                {
                    return Err(vm.new_type_error("__defaults__ must be set to a tuple object"));
                }
                *func(vm, f)?.defaults.borrow_mut() = value.cloned();
                Ok(())
            }),
        ),
        (
            "__kwdefaults__",
            |vm, f| {
                Ok(func(vm, f)?
                    .kwdefaults
                    .borrow()
                    .clone()
                    .unwrap_or_else(|| vm.none.clone()))
            },
            Some(|vm, f, value| {
                let value = value.filter(|v| !vm.is_none(v));
                if value.is_some_and(|v| v.payload::<crate::objects::dict::DictObject>().is_none())
                {
                    return Err(vm.new_type_error("__kwdefaults__ must be set to a dict object"));
                }
                *func(vm, f)?.kwdefaults.borrow_mut() = value.cloned();
                Ok(())
            }),
        ),
        (
            "__annotations__",
            |vm, f| {
                let function = func(vm, f)?;
                let current = function.annotations.borrow().clone();
                // MAKE_FUNCTION leaves the compiler's flat tuple of names
                // and values; the dict is made on first use.
                let dict = match current {
                    Some(d) if d.payload::<crate::objects::tuple::TupleObject>().is_none() => {
                        return Ok(d)
                    }
                    Some(pairs) => {
                        let dict = vm.new_dict();
                        let items = crate::objects::tuple::tuple_items(&pairs).unwrap_or(&[]);
                        for pair in items.chunks_exact(2) {
                            vm.setitem(&dict, &pair[0], Some(&pair[1]))?;
                        }
                        dict
                    }
                    None => vm.new_dict(),
                };
                *function.annotations.borrow_mut() = Some(dict.clone());
                Ok(dict)
            },
            Some(|vm, f, value| {
                let value = value.filter(|v| !vm.is_none(v));
                if value.is_some_and(|v| v.payload::<crate::objects::dict::DictObject>().is_none())
                {
                    return Err(vm.new_type_error("__annotations__ must be set to a dict object"));
                }
                *func(vm, f)?.annotations.borrow_mut() = value.cloned();
                Ok(())
            }),
        ),
    ];
    for &(name, get, set) in attributes {
        add_getset(vm, &vm.types.function, name, get, set);
    }
}

/// A str assigned to `__name__` or `__qualname__`.
fn str_value(vm: &Vm, value: Option<&Object>, attribute: &str) -> PyResult<Object> {
    match value {
        Some(v) if v.payload::<crate::objects::str::StrObject>().is_some() => Ok(v.clone()),
        _ => Err(vm.new_type_error(format!("{attribute} must be set to a string object"))),
    }
}

fn func<'a>(vm: &Vm, f: &'a Object) -> PyResult<&'a FunctionObject> {
    f.payload::<FunctionObject>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a 'function' object"))
}

/// A function is a non-data descriptor: looked up on an instance, it
/// binds (`func_descr_get`).
fn function_get(vm: &Vm, f: &Object, instance: Option<&Object>, _owner: &Object) -> PyResult {
    match instance {
        Some(instance) if !vm.is_none(instance) => Ok(new_method(vm, f.clone(), instance.clone())),
        _ => Ok(f.clone()),
    }
}

pub fn new_method(vm: &Vm, func: Object, self_: Object) -> Object {
    object::alloc(&vm.types.method, MethodObject { func, self_ })
}

fn method_descriptor_get(
    vm: &Vm,
    f: &Object,
    instance: Option<&Object>,
    _owner: &Object,
) -> PyResult {
    let (Some(instance), Some(b)) = (instance, f.payload::<BuiltinFunctionObject>()) else {
        return Ok(f.clone());
    };
    Ok(object::alloc(
        &vm.types.builtin_function,
        BuiltinFunctionObject {
            name: b.name,
            func: b.func,
            self_: Some(instance.clone()),
            objclass: None,
        },
    ))
}

/// Calls `callable` with `self_` before the arguments, without making a
/// bound method (the heart of LOAD_METHOD and of bound method calls).
pub fn call_with_self(vm: &Vm, callable: &Object, self_: &Object, args: Args) -> PyResult {
    object::with_first(self_, args.values, |values| {
        vm.call(
            callable,
            Args {
                values,
                kwnames: args.kwnames,
            },
        )
    })
}

pub(crate) fn builtin_call(vm: &Vm, f: &Object, args: Args) -> PyResult {
    let b = f
        .payload::<BuiltinFunctionObject>()
        .expect("a builtin function");
    match &b.self_ {
        Some(self_)
            if !f
                .heap_type()
                .is_some_and(|t| t.is(&vm.types.method_descriptor)) =>
        {
            object::with_first(self_, args.values, |values| {
                (b.func)(
                    vm,
                    Args {
                        values,
                        kwnames: args.kwnames,
                    },
                )
            })
        }
        _ => {
            if let Some(objclass) = &b.objclass {
                let Some(first) = args.positional().first() else {
                    return Err(vm.new_type_error(format!(
                        "unbound method {}.{}() needs an argument",
                        type_payload(objclass).name(),
                        b.name
                    )));
                };
                if !vm.is_instance(first, objclass) {
                    return Err(vm.new_type_error(format!(
                        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                        b.name,
                        type_payload(objclass).tp_name(vm),
                        vm.type_name(first)
                    )));
                }
            }
            (b.func)(vm, args)
        }
    }
}

fn builtin_repr(vm: &Vm, f: &Object) -> PyResult {
    let b = f
        .payload::<BuiltinFunctionObject>()
        .expect("a builtin function");
    if let Some(objclass) = &b.objclass {
        return Ok(vm.new_str(&format!(
            "<method '{}' of '{}' objects>",
            b.name,
            type_payload(objclass).name()
        )));
    }
    match &b.self_ {
        Some(s)
            if s.payload::<crate::objects::module::ModuleObject>()
                .is_none() =>
        {
            Ok(vm.new_str(&format!(
                "<built-in method {} of {} object at {:#x}>",
                b.name,
                vm.type_name(s),
                s.id()
            )))
        }
        _ => Ok(vm.new_str(&format!("<built-in function {}>", b.name))),
    }
}

/// A method's name qualified by its class's (`meth_get__qualname__`): the
/// class it belongs to, or the type of the object it is bound to, unless
/// that is a module.
fn builtin_qualname(vm: &Vm, f: &Object) -> PyResult {
    let Some(b) = f.payload::<BuiltinFunctionObject>() else {
        return Ok(vm.new_str(""));
    };
    let owner = match (&b.objclass, &b.self_) {
        (Some(class), _) => Some(class.clone()),
        (None, Some(s)) if !vm.is_instance(s, &vm.types.module) => {
            Some(if s.payload::<crate::typeobject::TypeObject>().is_some() {
                s.clone()
            } else {
                vm.type_of(s).clone()
            })
        }
        _ => None,
    };
    match owner {
        Some(owner) => {
            let qualname = vm.getattr(&owner, &vm.names.__qualname__)?;
            Ok(vm.new_str(&format!("{}.{}", vm.str_string(&qualname)?, b.name)))
        }
        None => Ok(vm.new_str(b.name)),
    }
}

fn method_call(vm: &Vm, m: &Object, args: Args) -> PyResult {
    let m = m.payload::<MethodObject>().expect("a method");
    call_with_self(vm, &m.func, &m.self_, args)
}

/// `types.MethodType(function, instance)`.
fn method_new(vm: &Vm, _ty: &Object, args: Args) -> PyResult {
    check_function_arity(vm, "method", args, 2, 2)?;
    let (func, instance) = (&args.values[0], &args.values[1]);
    if vm.type_payload_of(func).slots.call.get().is_none() {
        return Err(vm.new_type_error("first argument must be callable"));
    }
    if vm.is_none(instance) {
        return Err(vm.new_type_error("instance must not be None"));
    }
    Ok(new_method(vm, func.clone(), instance.clone()))
}

fn method_repr(vm: &Vm, m: &Object) -> PyResult {
    let m = m.payload::<MethodObject>().expect("a method");
    let name = match vm.getattr_opt(&m.func, &vm.names.__qualname__)? {
        Some(n) => vm.str_string(&n)?,
        None => "?".to_string(),
    };
    Ok(vm.new_str(&format!(
        "<bound method {name} of {}>",
        vm.repr_string(&m.self_)?
    )))
}

/// Attributes a bound method does not have come from its function.
fn method_getattro(vm: &Vm, m: &Object, name: &Object) -> PyResult {
    if let Some(v) = crate::objects::object::generic_getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    let f = &m.payload::<MethodObject>().expect("a method").func;
    vm.getattr(f, name)
}

/// Adds methods written in Rust to a builtin type's dict.
pub fn add_methods(vm: &Vm, ty: &Object, methods: &[(&'static str, NativeFn)]) {
    let tp = type_payload(ty);
    for &(name, func) in methods {
        let method = object::alloc(
            &vm.types.method_descriptor,
            BuiltinFunctionObject {
                name,
                func,
                self_: None,
                objclass: Some(ty.clone()),
            },
        );
        tp.dict.set_str(vm, vm.intern(name), method);
    }
}

/// A function written in Rust, as a module attribute (`PyCFunction_New`).
pub fn new_builtin_function(vm: &Vm, name: &'static str, func: NativeFn) -> Object {
    object::alloc(
        &vm.types.builtin_function,
        BuiltinFunctionObject {
            name,
            func,
            self_: None,
            objclass: None,
        },
    )
}

/// Checks the number of arguments of a method taking positional
/// arguments only, `self` included in `min` and `max`, with CPython's
/// messages.
pub fn check_arity(vm: &Vm, name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    check_count(
        vm,
        name,
        args.has_keywords(),
        args.values.len().saturating_sub(1),
        min - 1,
        max - 1,
    )
}

/// [`check_arity`] for a function without `self`.
pub fn check_function_arity(
    vm: &Vm,
    name: &str,
    args: Args,
    min: usize,
    max: usize,
) -> PyResult<()> {
    check_count(vm, name, args.has_keywords(), args.values.len(), min, max)
}

/// [`check_function_arity`] for a module's function whose parameters
/// are all positional-only: arg clinic names the module where there are
/// keywords or where exactly one argument is taken.
pub fn check_positional_only(
    vm: &Vm,
    module: &str,
    name: &str,
    args: Args,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if args.has_keywords() || max == 1 {
        return check_function_arity(vm, &format!("{module}.{name}"), args, min, max);
    }
    check_function_arity(vm, name, args, min, max)
}

fn check_count(
    vm: &Vm,
    name: &str,
    has_keywords: bool,
    given: usize,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if has_keywords {
        return Err(vm.new_type_error(format!("{name}() takes no keyword arguments")));
    }
    if given >= min && given <= max {
        return Ok(());
    }
    Err(vm.new_type_error(if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({given} given)"),
            1 => format!("{name}() takes exactly one argument ({given} given)"),
            _ => format!("{name} expected {min} arguments, got {given}"),
        }
    } else if given < min {
        format!(
            "{name} expected at least {min} argument{}, got {given}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {given}",
            if max == 1 { "" } else { "s" }
        )
    }))
}
