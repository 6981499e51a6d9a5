//! `_weakref` (Modules/_weakref.c): the weak reference types and the
//! functions Lib's `weakref.py` builds on; the types themselves are in
//! `objects/weakref.rs`.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::weakref;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("getweakrefcount", |vm, args| {
            check_function_arity(vm, "getweakrefcount", args, 1, 1)?;
            Ok(vm.new_int(weakref::weakref_count(&args.values[0]) as i64))
        }),
        ("getweakrefs", |vm, args| {
            check_function_arity(vm, "getweakrefs", args, 1, 1)?;
            Ok(vm.new_list(weakref::weakrefs(&args.values[0])))
        }),
        ("proxy", weakref::new_proxy),
        ("_remove_dead_weakref", remove_dead_weakref),
    ];
    super::add_functions(vm, module, functions);
    super::set_attr(vm, module, "ref", vm.types.weakref.clone());
    super::set_attr(vm, module, "ReferenceType", vm.types.weakref.clone());
    super::set_attr(vm, module, "ProxyType", vm.types.weakproxy.clone());
    super::set_attr(
        vm,
        module,
        "CallableProxyType",
        vm.types.weakcallableproxy.clone(),
    );
    Ok(())
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead
/// weakref, as WeakValueDictionary's callbacks do.
fn remove_dead_weakref(vm: &Vm, args: crate::typeobject::Args) -> PyResult {
    check_function_arity(vm, "_remove_dead_weakref", args, 2, 2)?;
    let (dict, key) = (&args.values[0], &args.values[1]);
    let Some(d) = dict.payload::<crate::objects::dict::DictObject>() else {
        return Err(vm.new_type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {}",
            vm.type_name(dict)
        )));
    };
    let dead = match d.dict.get(vm, key)? {
        None => {
            return Err(crate::errors::PyErr(crate::exceptions::new_exception(
                vm,
                &vm.exceptions.key_error,
                vec![key.clone()],
            )))
        }
        Some(value) => {
            weakref::is_weakref(&value)
                && vm.is_none(&vm.call(&value, crate::typeobject::Args::positional_only(&[]))?)
        }
    };
    if dead {
        d.dict.remove(vm, key)?;
    }
    Ok(vm.none.clone())
}
