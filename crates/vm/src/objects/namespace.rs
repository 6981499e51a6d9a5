//! `types.SimpleNamespace` (Objects/namespaceobject.c): attribute access
//! over an instance dict, a keyword-argument constructor, and a repr
//! listing the attributes. `sys.implementation` is one, which is how
//! Lib/types.py finds the type.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::object::instance_dict;
use crate::objects::str::{as_rust_str, StrObject};
use crate::recursion::ReprGuard;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.simple_namespace;
    crate::typeobject::give_instance_dict(vm, ty);
    let tp = type_payload(ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("types"));
    tp.slots.init.set(Some(namespace_init));
    tp.slots.repr.set(Some(namespace_repr));
    tp.slots.richcompare.set(Some(namespace_richcompare));
    add_methods(vm, ty, &[("__reduce__", namespace_reduce)]);
}

/// A new namespace holding the given attributes.
pub fn new_namespace(vm: &Vm, attributes: &[(&str, Object)]) -> Object {
    let namespace = crate::object::alloc(
        &vm.types.simple_namespace,
        crate::objects::object::ObjectPayload,
    );
    let dict = instance_dict(vm, &namespace).expect("a namespace has a __dict__");
    for (name, value) in attributes {
        crate::objects::dict::dict_of(&dict).set_str(vm, vm.intern(name), value.clone());
    }
    namespace
}

fn namespace_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    if !args.positional().is_empty() {
        return Err(vm.new_type_error("no positional arguments expected"));
    }
    let dict = instance_dict(vm, this).expect("a namespace has a __dict__");
    for (name, value) in args.keywords() {
        vm.setitem(&dict, name, Some(value))?;
    }
    Ok(())
}

/// `namespace(a=1, b=2)`, with the type's name for a subclass and
/// `namespace(...)` for a namespace that contains itself.
fn namespace_repr(vm: &Vm, this: &Object) -> PyResult {
    let ty = vm.type_of(this);
    let name = if ty.is(&vm.types.simple_namespace) {
        "namespace".to_string()
    } else {
        type_payload(ty).name()
    };
    let Some(_guard) = ReprGuard::enter(vm, this) else {
        return Ok(vm.new_str(&format!("{name}(...)")));
    };
    let dict = instance_dict(vm, this).expect("a namespace has a __dict__");
    let mut parts = Vec::new();
    for (key, value) in crate::objects::dict::dict_of(&dict).items() {
        if key.payload::<StrObject>().is_some() {
            parts.push(format!(
                "{}={}",
                as_rust_str(&key),
                as_rust_str(&vm.repr(&value)?)
            ));
        }
    }
    Ok(vm.new_str(&format!("{name}({})", parts.join(", "))))
}

/// Namespaces are equal when their attributes are.
fn namespace_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let namespace = &vm.types.simple_namespace;
    let both = vm.is_instance(a, namespace) && vm.is_instance(b, namespace);
    if !both || !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented.clone());
    }
    let (x, y) = (
        instance_dict(vm, a).expect("a namespace has a __dict__"),
        instance_dict(vm, b).expect("a namespace has a __dict__"),
    );
    vm.rich_compare(&x, &y, op)
}

/// `(type(self), (), self.__dict__)`, for pickle and copy.
fn namespace_reduce(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "__reduce__", args, 1, 1)?;
    let this = &args.values[0];
    let dict = instance_dict(vm, this).expect("a namespace has a __dict__");
    Ok(vm.new_tuple(vec![vm.type_of(this).clone(), vm.empty_tuple.clone(), dict]))
}
