//! Shutting the interpreter down (Python/pylifecycle.c's `Py_FinalizeEx`
//! and `finalize_modules`): the program's objects are freed while Python
//! code can still run, so that their finalizers (`__del__`) and weakref
//! callbacks run as in CPython.
//!
//! The steps are CPython's: the threads that are not daemons are waited
//! for; the `atexit` functions run; the other threads stop at their next
//! try to take the interpreter lock; a full collection; then every module
//! leaves `sys.modules`, and a collection frees those no longer referred to
//! (with their namespaces, usually cycles through their functions'
//! globals); the namespaces of the modules still alive are cleared, the
//! names starting with one underscore first (`_PyModule_ClearDict`);
//! a last collection frees what that released.

use crate::object::Object;
use crate::objects::dict::dict_of;
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;

impl Vm {
    /// Frees the program's objects, running their finalizers, before the
    /// interpreter goes away (`Py_FinalizeEx`).
    pub fn finalize(&self) {
        wait_for_thread_shutdown(self);
        crate::modules::atexit::run_exitfuncs(self);
        self.gil.set_finalizing();
        if self.gc.enabled.get() {
            crate::gc::collect(self, crate::gc::NUM_GENERATIONS - 1);
        }
        let modules = dict_of(&self.modules);
        let mut alive: Vec<(String, Object)> = Vec::new();
        for (name, module) in modules.items() {
            let name = as_rust_str(&name).into_owned();
            if name == "sys" || name == "builtins" {
                continue;
            }
            if let Ok(weak) = self.call(
                &self.types.weakref,
                Args::positional_only(std::slice::from_ref(&module)),
            ) {
                alive.push((name.clone(), weak));
            }
            let _ = modules.remove(self, &self.intern(&name));
        }
        self.gc.finalizing.set(true);
        crate::gc::collect(self, crate::gc::NUM_GENERATIONS - 1);
        // What is left is cleared, the modules imported last first.
        for (_, weak) in alive.into_iter().rev() {
            let Ok(module) = self.call(&weak, Args::positional_only(&[])) else {
                continue;
            };
            if let Ok(namespace) = self.getattr(&module, &self.names.__dict__) {
                if namespace
                    .payload::<crate::objects::dict::DictObject>()
                    .is_some()
                {
                    clear_namespace(self, &namespace);
                }
            }
        }
        crate::gc::collect(self, crate::gc::NUM_GENERATIONS - 1);
    }
}

/// Waits for the threads that are not daemons to end, with
/// `threading._shutdown()` if the program imported `threading`
/// (`wait_for_thread_shutdown`).
fn wait_for_thread_shutdown(vm: &Vm) {
    let Some(threading) = dict_of(&vm.modules).get_str(vm, &vm.intern("threading")) else {
        return;
    };
    if let Err(e) = vm.call_method(&threading, "_shutdown", &[]) {
        crate::unraisable::write_unraisable(vm, &e, Some(&threading), None);
    }
}

/// Sets a module's names to None, those starting with a single underscore
/// first, `__builtins__` kept (`_PyModule_ClearDict`).
fn clear_namespace(vm: &Vm, namespace: &Object) {
    let dict = dict_of(namespace);
    let single_underscore = |name: &str| name.starts_with('_') && !name.starts_with("__");
    for pass in [true, false] {
        for key in dict.keys() {
            let Some(name) = key
                .payload::<crate::objects::str::StrObject>()
                .map(|s| s.to_string_lossy())
            else {
                continue;
            };
            if name == "__builtins__" || (pass && !single_underscore(&name)) {
                continue;
            }
            let _ = dict.set(vm, key, vm.none.clone());
        }
    }
}
