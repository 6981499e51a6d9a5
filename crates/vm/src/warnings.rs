//! Issuing warnings from Rust (Python/_warnings.c's `PyErr_WarnEx`):
//! the warning goes through Lib/warnings.py, its filters and its
//! `showwarning`, attributed to the Python code that called in.

use crate::errors::PyResult;
use crate::object::Object;
use crate::typeobject::Args;
use crate::vm::Vm;

/// `warnings.warn(message, category, stacklevel)`; an error if the
/// filters turn the warning into an exception.
pub fn warn(vm: &Vm, category: &Object, message: &str, stacklevel: i64) -> PyResult<()> {
    let warnings = crate::import::import_module(vm, "warnings")?;
    let warn = vm.getattr_str(&warnings, "warn")?;
    let args = [
        vm.new_str(message),
        category.clone(),
        vm.new_int(stacklevel),
    ];
    vm.call(&warn, Args::positional_only(&args))?;
    Ok(())
}
