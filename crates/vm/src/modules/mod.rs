//! Native modules, one file each (Modules/, Python/sysmodule.c).
//!
//! [`BUILTIN_MODULES`] is the one list of them, as CPython's inittab
//! (Modules/config.c): the import system looks a name up here before it
//! searches `sys.path`, and `sys.builtin_module_names` is derived from
//! it. Each entry's function builds the module the first time it is
//! imported; `sys` and `builtins` are built at start-up.

pub mod sre;
pub mod sys;

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::function::{new_builtin_function, NativeFn};
use crate::vm::Vm;

/// Builds a native module's namespace, given the module object.
pub type ModuleInit = fn(&Vm, &Object) -> PyResult<()>;

/// Every native module by name: `builtins` and `sys` come ready-made, the
/// rest are built on their first import.
pub static BUILTIN_MODULES: &[(&str, Option<ModuleInit>)] =
    &[("builtins", None), ("sys", None), ("_sre", Some(sre::init))];

/// Makes the native modules needed at start-up and puts them in
/// `sys.modules`.
pub(crate) fn init(vm: &Vm) {
    sys::init(vm);
}

/// The native module `name`, built now, or None if there is no such
/// module (BuiltinImporter's `find_spec`).
pub(crate) fn create_builtin(vm: &Vm, name: &str) -> PyResult<Option<Object>> {
    let Some(&(_, Some(init))) = BUILTIN_MODULES.iter().find(|(n, _)| *n == name) else {
        return Ok(None);
    };
    let module = crate::objects::module::new_module(vm, name);
    init(vm, &module)?;
    Ok(Some(module))
}

/// Adds native functions to a module's namespace.
pub(crate) fn add_functions(vm: &Vm, module: &Object, functions: &[(&'static str, NativeFn)]) {
    for &(name, f) in functions {
        set_attr(vm, module, name, new_builtin_function(vm, name, f));
    }
}

/// Sets one attribute of a native module.
pub(crate) fn set_attr(vm: &Vm, module: &Object, name: &str, value: Object) {
    let namespace = vm
        .getattr(module, &vm.names.__dict__)
        .expect("a module has a __dict__");
    namespace
        .payload::<DictObject>()
        .expect("a module's namespace is a dict")
        .dict
        .set_str(vm, vm.intern(name), value);
}
