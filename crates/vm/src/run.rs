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
    let code = krait_compiler::compile(source, filename, vm.optimize.get())
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, filename, source))?;
    let code = crate::objects::code::new_code(vm, code)?;
    if module_name == "__main__" {
        let globals = main_namespace(vm);
        if filename != "<string>" {
            set_main_file(vm, &globals, filename)?;
        }
        crate::eval::run_code(vm, &code, &globals, Some(&globals))?;
        return Ok(globals);
    }
    let module = crate::objects::module::new_module(vm, module_name);
    let globals = vm.getattr(&module, &vm.names.__dict__)?;
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
    vm.modules
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.intern(module_name), module);
    crate::eval::run_code(vm, &code, &globals, Some(&globals))?;
    Ok(globals)
}

/// A program read from a file (or stdin) runs in `__main__` with
/// `__file__` and `__cached__` set, and a file's own loader
/// (`_PyRun_SimpleFileObject`, `set_main_loader`).
fn set_main_file(vm: &Vm, globals: &Object, filename: &str) -> PyResult<()> {
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.names.__file__.clone(), vm.new_str(filename));
    namespace.set_str(vm, vm.intern("__cached__"), vm.none.clone());
    if filename == "<stdin>" {
        return Ok(());
    }
    let modules = &vm.modules.payload::<DictObject>().expect("a dict").dict;
    if let Some(external) = modules.get_str(vm, &vm.intern("_frozen_importlib_external")) {
        let loader_type = vm.getattr(&external, &vm.intern("SourceFileLoader"))?;
        let args = [vm.intern("__main__"), vm.new_str(filename)];
        let loader = vm.call(
            &loader_type,
            crate::typeobject::Args::positional_only(&args),
        )?;
        namespace.set_str(vm, vm.names.__loader__.clone(), loader);
    }
    Ok(())
}

/// Makes `__main__` as the interpreter does once the import system is
/// there (`add_main_module`): empty annotations, the builtins, and
/// BuiltinImporter as its loader.
pub fn add_main_module(vm: &Vm) -> PyResult<()> {
    let modules = &vm.modules.payload::<DictObject>().expect("a dict").dict;
    let module = crate::objects::module::new_module(vm, "__main__");
    let globals = vm.getattr(&module, &vm.names.__dict__)?;
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.intern("__annotations__"), vm.new_dict());
    namespace.set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
    modules.set_str(vm, vm.intern("__main__"), module);
    if let Some(bootstrap) = modules.get_str(vm, &vm.intern("_frozen_importlib")) {
        let loader = vm.getattr(&bootstrap, &vm.intern("BuiltinImporter"))?;
        namespace.set_str(vm, vm.names.__loader__.clone(), loader);
    }
    Ok(())
}

/// The namespace of `sys.modules['__main__']`, made as an empty module if
/// it is not there.
pub fn main_namespace(vm: &Vm) -> Object {
    let modules = &vm.modules.payload::<DictObject>().expect("a dict").dict;
    let name = vm.intern("__main__");
    let module = modules.get_str(vm, &name).unwrap_or_else(|| {
        let module = crate::objects::module::new_module(vm, "__main__");
        modules.set_str(vm, name, module.clone());
        module
    });
    let globals = vm
        .getattr(&module, &vm.names.__dict__)
        .unwrap_or_else(|_| vm.new_dict());
    if let Some(namespace) = globals.payload::<DictObject>() {
        if namespace.dict.get_str(vm, &vm.names.__builtins__).is_none() {
            namespace
                .dict
                .set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
        }
    }
    globals
}

/// Runs `source` in the namespace of `__main__`, as PYTHONSTARTUP's file
/// is.
pub fn run_in_main(vm: &Vm, source: &[u8], filename: &str) -> PyResult<()> {
    let code = krait_compiler::compile(source, filename, vm.optimize.get())
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, filename, source))?;
    let code = crate::objects::code::new_code(vm, code)?;
    let globals = main_namespace(vm);
    crate::eval::run_code(vm, &code, &globals, Some(&globals))?;
    Ok(())
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
    print_exception(vm, exc);
    1
}

/// Reports an exception through `sys.excepthook` and keeps it as
/// `sys.last_type`, `sys.last_value` and `sys.last_traceback`
/// (`PyErr_PrintEx`); a hook that fails or is missing is reported too.
pub fn print_exception(vm: &Vm, exc: &Object) {
    let ty = vm.type_of(exc).clone();
    let tb = crate::exceptions::exception_payload(exc)
        .and_then(|e| e.traceback.borrow().clone())
        .unwrap_or_else(|| vm.none.clone());
    let set_sys_attr = crate::modules::sys::set_sys_attr;
    set_sys_attr(vm, "last_type", ty.clone());
    set_sys_attr(vm, "last_value", exc.clone());
    set_sys_attr(vm, "last_traceback", tb.clone());
    let write = |text: &str| crate::modules::io::write_stderr(vm, text);
    let Some(hook) = crate::modules::sys::sys_attr(vm, &vm.intern("excepthook")) else {
        write("sys.excepthook is missing\n");
        write(&crate::traceback::format_exception(vm, exc));
        return;
    };
    let args = [ty, exc.clone(), tb];
    if let Err(failure) = vm.call(&hook, crate::typeobject::Args::positional_only(&args)) {
        write("Error in sys.excepthook:\n");
        write(&crate::traceback::format_exception(vm, &failure.0));
        write("\nOriginal exception was:\n");
        write(&crate::traceback::format_exception(vm, exc));
    }
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
