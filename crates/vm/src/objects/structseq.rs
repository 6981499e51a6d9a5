//! Struct sequences (Objects/structseq.c): tuples whose items are also
//! attributes by name, as `sys.UnraisableHookArgs`.
//!
//! A struct sequence type is a subclass of tuple without instance words;
//! each field is a property whose getter is a builtin function bound to
//! the field's index.

use crate::errors::PyResult;
use crate::object::{self, Object};
use crate::objects::descr::PropertyObject;
use crate::objects::function::BuiltinFunctionObject;
use crate::objects::tuple::{tuple_items, TupleObject};
use crate::typeobject::Args;
use crate::vm::Vm;

/// A new struct sequence type `module.name` with these fields.
pub fn new_type(vm: &Vm, module: &str, name: &str, fields: &[&'static str]) -> PyResult {
    let ns = vm.new_dict();
    let d = crate::objects::dict::dict_of(&ns);
    d.set_str(vm, vm.names.__module__.clone(), vm.new_str(module));
    d.set_str(vm, vm.names.__slots__.clone(), vm.empty_tuple.clone());
    for (index, &field) in fields.iter().enumerate() {
        let getter = object::alloc(
            &vm.types.builtin_function,
            BuiltinFunctionObject {
                name: field,
                func: field_getter,
                self_: Some(vm.new_int(index as i64)),
                objclass: None,
            },
        );
        let property = object::alloc(
            &vm.types.property,
            PropertyObject {
                fget: Some(getter),
                fset: None,
                fdel: None,
                doc: None,
            },
        );
        d.set_str(vm, vm.intern(field), property);
    }
    let names = vm.new_tuple(fields.iter().map(|f| vm.new_str(f)).collect());
    d.set_str(vm, vm.intern("_fields"), names);
    d.set_str(
        vm,
        vm.names.__repr__.clone(),
        crate::objects::function::new_builtin_function(vm, "__repr__", structseq_repr),
    );
    let bases = vm.new_tuple(vec![vm.types.tuple.clone()]);
    vm.call(
        &vm.type_type,
        Args::positional_only(&[vm.new_str(name), bases, ns]),
    )
}

/// An instance of struct sequence type `ty`.
pub fn new(ty: &Object, values: Vec<Object>) -> Object {
    object::alloc(ty, TupleObject::new(values))
}

/// A field's getter: `self_` is the field's index.
fn field_getter(vm: &Vm, args: Args) -> PyResult {
    let [index, seq] = args.values else {
        return Err(vm.new_type_error("expected 1 argument"));
    };
    let i = index.as_small_int().unwrap_or(0) as usize;
    tuple_items(seq)
        .and_then(|items| items.get(i).cloned())
        .ok_or_else(|| vm.new_type_error("descriptor requires a struct sequence"))
}

/// `module.name(field=value, ...)` (`structseq_repr`).
fn structseq_repr(vm: &Vm, args: Args) -> PyResult {
    let [seq] = args.values else {
        return Err(vm.new_type_error("expected 0 arguments"));
    };
    let ty = vm.type_of(seq);
    let module = vm.getattr_str(ty, "__module__")?;
    let fields = vm.getattr_str(ty, "_fields")?;
    let names = tuple_items(&fields).unwrap_or_default();
    let items = tuple_items(seq).unwrap_or_default();
    let mut parts = Vec::new();
    for (name, value) in names.iter().zip(items) {
        parts.push(format!(
            "{}={}",
            crate::objects::str::as_rust_str(name),
            vm.repr_string(value)?
        ));
    }
    Ok(vm.new_str(&format!(
        "{}.{}({})",
        crate::objects::str::as_rust_str(&module),
        vm.type_name(seq),
        parts.join(", ")
    )))
}
