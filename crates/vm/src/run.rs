//! Running a program (Python/pythonrun.c): compile, run as `__main__`,
//! and report an uncaught exception as CPython does, with its exit
//! status.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::str::as_rust_str;
use crate::vm::Vm;

/// Compiles and runs `source` as module `module_name`; gives its
/// namespace.
pub fn run_source(vm: &Vm, source: &[u8], filename: &str, module_name: &str) -> PyResult<Object> {
    if vm.thread.stack_limit.get() == 0 {
        vm.thread.set_stack_size(vm.native_stack_size.get());
    }
    vm.sources
        .borrow_mut()
        .insert(filename.to_string(), std::rc::Rc::new(source.to_vec()));
    let code = match krait_compiler::compile(source, filename, vm.optimize.get()) {
        Ok(code) => code,
        Err(e) => return Err(crate::exceptions::syntax_error(vm, &e, filename)),
    };
    let code = crate::objects::code::new_code(vm, code)?;
    let module = crate::objects::module::new_module(vm, module_name);
    let globals = vm.getattr(&module, &vm.names.__dict__)?;
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
    if module_name == "__main__" {
        namespace.set_str(vm, vm.names.__file__.clone(), vm.new_str(filename));
    }
    vm.modules
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.intern(module_name), module);
    crate::eval::run_code(vm, &code, &globals, Some(&globals))?;
    Ok(globals)
}

/// What an uncaught exception means for the process: the report on
/// `sys.stderr` and the exit status (`handle_system_exit`,
/// `PyErr_Print`). Standard output is flushed first, as CPython does
/// before it prints the report.
pub fn report_uncaught(vm: &Vm, exc: &Object) -> i32 {
    flush_stdout(vm);
    if vm.is_instance(exc, &vm.exceptions.system_exit) {
        return system_exit_status(vm, exc);
    }
    crate::modules::io::write_stderr(vm, &crate::traceback::format_exception(vm, exc));
    1
}

/// Flushes `sys.stdout`, ignoring failure, which the end of the
/// interpreter reports (`flush_io`).
fn flush_stdout(vm: &Vm) {
    if let Some(stdout) = crate::modules::sys::sys_attr(vm, &vm.names.stdout) {
        if !vm.is_none(&stdout) {
            let _ = vm.call_method(&stdout, "flush", &[]);
        }
    }
}

/// The exit status SystemExit asks for: its `code`, an int, or 0 for
/// None; any other code is printed and the status is 1
/// (`_Py_HandleSystemExit`).
fn system_exit_status(vm: &Vm, exc: &Object) -> i32 {
    let code = vm
        .getattr(exc, &vm.intern("code"))
        .unwrap_or_else(|_| exc.clone());
    if vm.is_none(&code) {
        return 0;
    }
    if let Some(i) = crate::objects::int::int_value(&code) {
        return i.to_i64().map_or(-1, |i| i as i32);
    }
    let text = vm
        .str(&code)
        .map(|s| as_rust_str(&s).into_owned())
        .unwrap_or_default();
    crate::modules::io::write_stderr(vm, &format!("{text}\n"));
    1
}
