//! `sys` (Python/sysmodule.c): the part of it the interpreter itself
//! provides so far: the recursion limit, reference counts, the exception
//! being handled, the frames (`_getframe`), `exit`, `argv`, `modules` and
//! a few constants.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    let module = crate::objects::module::new_module(vm, "sys");
    let set = |name: &str, value: Object| super::set_attr(vm, &module, name, value);
    set("modules", vm.modules.clone());
    set("argv", vm.new_list(vec![vm.empty_str.clone()]));
    set("path", vm.new_list(Vec::new()));
    set("maxsize", vm.new_int(i64::MAX));
    set(
        "byteorder",
        vm.new_str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    set("platform", vm.new_str(std::env::consts::OS));
    set(
        "builtin_module_names",
        vm.new_tuple(
            super::BUILTIN_MODULES
                .iter()
                .map(|(name, _)| vm.new_str(name))
                .collect(),
        ),
    );
    let functions: &[(&'static str, NativeFn)] = &[
        ("getrecursionlimit", |vm, args| {
            check_function_arity(vm, "getrecursionlimit", args, 0, 0)?;
            Ok(vm.new_int(vm.thread.recursion_limit.get() as i64))
        }),
        ("setrecursionlimit", setrecursionlimit),
        ("getrefcount", |vm, args| {
            check_function_arity(vm, "getrefcount", args, 1, 1)?;
            // The argument's own reference is counted, as in CPython.
            Ok(vm.new_int(args.values[0].refcount() as i64))
        }),
        ("exc_info", |vm, args| {
            check_function_arity(vm, "exc_info", args, 0, 0)?;
            Ok(match vm.thread.topmost_handled() {
                Some(e) => {
                    let tb = crate::exceptions::exception_payload(&e)
                        .and_then(|p| p.traceback.borrow().clone())
                        .unwrap_or_else(|| vm.none.clone());
                    vm.new_tuple(vec![vm.type_of(&e).clone(), e, tb])
                }
                None => vm.new_tuple(vec![vm.none.clone(), vm.none.clone(), vm.none.clone()]),
            })
        }),
        ("exception", |vm, args| {
            check_function_arity(vm, "exception", args, 0, 0)?;
            Ok(vm
                .thread
                .topmost_handled()
                .unwrap_or_else(|| vm.none.clone()))
        }),
        ("exit", |vm, args| {
            check_function_arity(vm, "exit", args, 0, 1)?;
            let exit = &vm.exceptions.system_exit;
            Err(crate::errors::PyErr(crate::exceptions::new_exception(
                vm,
                exit,
                args.values.to_vec(),
            )))
        }),
        ("_getframe", getframe),
        ("intern", |vm, args| {
            check_function_arity(vm, "intern", args, 1, 1)?;
            let s = &args.values[0];
            if !vm.type_of(s).is(&vm.types.str) {
                return Err(vm.new_type_error(format!(
                    "intern() argument must be str, not {}",
                    vm.type_name(s)
                )));
            }
            Ok(vm.intern_object(s))
        }),
    ];
    super::add_functions(vm, &module, functions);
    vm.modules
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.intern("sys"), module);
    vm.modules
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.intern("builtins"), vm.builtins.clone());
}

/// `sys._getframe([depth])`: the frame object `depth` calls out from
/// the caller.
fn getframe(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "_getframe", args, 0, 1)?;
    let depth = match args.values.first() {
        Some(d) => crate::objects::int::index_value(vm, d)?.ok_or_else(|| {
            vm.new_type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(d)
            ))
        })?,
        None => 0,
    };
    crate::objects::frame::thread_frame(vm, depth)
        .ok_or_else(|| vm.new_value_error("call stack is not deep enough"))
}

fn setrecursionlimit(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "setrecursionlimit", args, 1, 1)?;
    let limit = &args.values[0];
    if vm.is_instance(limit, &vm.types.float) {
        return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
    }
    let Some(n) = crate::objects::int::index_value(vm, limit)? else {
        return Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(limit)
        )));
    };
    if n < 1 {
        return Err(vm.new_value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.thread.recursion_depth.get() as i64;
    if n <= depth {
        return Err(vm.new_exception(
            &vm.exceptions.recursion_error,
            format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    vm.thread.recursion_limit.set(n as usize);
    Ok(vm.none.clone())
}

/// Sets `sys.path`: the script's directory (or "" for `-c`), then the
/// directories the embedder adds (PYTHONPATH).
pub fn set_path(vm: &Vm, entries: &[String]) {
    if let Some(sys) = vm
        .modules
        .payload::<DictObject>()
        .and_then(|m| m.dict.get_str(vm, &vm.intern("sys")))
    {
        let items = entries.iter().map(|a| vm.new_str(a)).collect();
        let _ = vm.setattr(&sys, &vm.intern("path"), Some(&vm.new_list(items)));
    }
}

/// Sets `sys.argv`.
pub fn set_argv(vm: &Vm, argv: &[String]) {
    if let Some(sys) = vm
        .modules
        .payload::<DictObject>()
        .and_then(|m| m.dict.get_str(vm, &vm.intern("sys")))
    {
        let items = argv.iter().map(|a| vm.new_str(a)).collect();
        let _ = vm.setattr(&sys, &vm.intern("argv"), Some(&vm.new_list(items)));
    }
}
