//! `atexit` (Modules/atexitmodule.c): functions to call when the
//! interpreter shuts down, last registered first. An exception in one
//! is reported as unraisable ("Exception ignored in atexit callback")
//! and the others still run.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::typeobject::Args;
use crate::vm::Vm;

/// A registered call: the function, its positional arguments (a tuple)
/// and its keyword arguments (a dict, or None).
pub struct ExitCallback {
    function: Object,
    args: Object,
    kwargs: Option<Object>,
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("register", register),
        ("unregister", |vm, args| {
            check_function_arity(vm, "atexit.unregister", args, 1, 1)?;
            let target = &args.values[0];
            let registered: Vec<Option<Object>> = vm
                .atexit_callbacks
                .borrow()
                .iter()
                .map(|c| c.as_ref().map(|c| c.function.clone()))
                .collect();
            // Equality may run Python code, which may register more. A
            // removed function leaves a hole, which `_ncallbacks` counts,
            // as CPython's.
            for (i, f) in registered.iter().enumerate() {
                let Some(f) = f else {
                    continue;
                };
                if vm.eq(f, target)? {
                    if let Some(slot) = vm.atexit_callbacks.borrow_mut().get_mut(i) {
                        *slot = None;
                    }
                }
            }
            Ok(vm.none.clone())
        }),
        ("_run_exitfuncs", |vm, args| {
            check_function_arity(vm, "_run_exitfuncs", args, 0, 0)?;
            run_exitfuncs(vm);
            Ok(vm.none.clone())
        }),
        ("_clear", |vm, args| {
            check_function_arity(vm, "_clear", args, 0, 0)?;
            vm.atexit_callbacks.borrow_mut().clear();
            Ok(vm.none.clone())
        }),
        ("_ncallbacks", |vm, args| {
            check_function_arity(vm, "_ncallbacks", args, 0, 0)?;
            Ok(vm.new_int(vm.atexit_callbacks.borrow().len() as i64))
        }),
    ];
    super::add_functions(vm, module, functions);
    Ok(())
}

/// `atexit.register(func, *args, **kwargs)`: gives `func` back, so that
/// it serves as a decorator.
fn register(vm: &Vm, args: Args) -> PyResult {
    let positional = args.positional();
    let Some(function) = positional.first() else {
        return Err(vm.new_type_error("register() takes at least 1 argument (0 given)"));
    };
    if !vm.is_callable(function) {
        return Err(vm.new_type_error("the first argument must be callable"));
    }
    let kwargs = if args.has_keywords() {
        let dict = vm.new_dict();
        for (name, value) in args.keywords() {
            vm.setitem(&dict, name, Some(value))?;
        }
        Some(dict)
    } else {
        None
    };
    vm.atexit_callbacks.borrow_mut().push(Some(ExitCallback {
        function: function.clone(),
        args: vm.new_tuple(positional[1..].to_vec()),
        kwargs,
    }));
    Ok(function.clone())
}

/// Calls the registered functions, last first, and forgets them
/// (`atexit_callfuncs`); those registered meanwhile are not called.
pub fn run_exitfuncs(vm: &Vm) {
    let callbacks = std::mem::take(&mut *vm.atexit_callbacks.borrow_mut());
    for callback in callbacks.into_iter().rev().flatten() {
        let result = crate::call::call_with_unpacked(
            vm,
            &callback.function,
            &callback.args,
            callback.kwargs.as_ref(),
        );
        if let Err(e) = result {
            crate::unraisable::write_unraisable(
                vm,
                &e,
                Some(&callback.function),
                Some("in atexit callback"),
            );
        }
    }
    vm.atexit_callbacks.borrow_mut().clear();
}
