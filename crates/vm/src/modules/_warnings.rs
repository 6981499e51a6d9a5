//! `_warnings` (Python/_warnings.c), the part the import system needs
//! before Lib/warnings.py can be imported: `warn`, which Lib/importlib's
//! `_bootstrap` calls for its ImportWarnings. It hands the warning to
//! Lib/warnings.py's `warn`, which keeps the filters and the registry;
//! warnings.py finds no `filters` here and so keeps its own, as it
//! does under an interpreter without the C accelerator.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::NativeFn;
use crate::objects::int::bind_args;
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::add_functions(vm, module, FUNCTIONS);
    Ok(())
}

static FUNCTIONS: &[(&str, NativeFn)] = &[("warn", |vm, args| {
    let bound = bind_args(
        vm,
        "warn",
        args,
        &["message", "category", "stacklevel", "source"],
        4,
        1,
    )?;
    let warnings = crate::import::import_module(vm, "warnings")?;
    let warn = vm.getattr(&warnings, &vm.intern("warn"))?;
    let message = bound[0].clone().expect("required");
    let category = bound[1].clone().unwrap_or_else(|| vm.none.clone());
    let stacklevel = bound[2].clone().unwrap_or_else(|| vm.new_int(1));
    let source = bound[3].clone().unwrap_or_else(|| vm.none.clone());
    vm.call(
        &warn,
        Args::positional_only(&[message, category, stacklevel, source]),
    )
})];
