//! Errors no one can catch (Python/errors.c's `PyErr_WriteUnraisable`):
//! raised by a finalizer, a weakref callback or a `gc.callbacks`
//! function, they go to `sys.unraisablehook`, whose default writes
//! "Exception ignored in: ..." and the traceback to stderr.

use crate::errors::PyErr;
use crate::object::Object;
use crate::objects::str::as_rust_str;
use crate::objects::tuple::tuple_items;
use crate::typeobject::Args;
use crate::vm::Vm;

/// `sys.UnraisableHookArgs`, what the hook is given.
pub static HOOK_ARGS: crate::objects::structseq::StructSeqSpec =
    crate::objects::structseq::StructSeqSpec {
        name: "sys.UnraisableHookArgs",
        fields: &[
            "exc_type",
            "exc_value",
            "exc_traceback",
            "err_msg",
            "object",
        ],
        n_sequence_fields: 5,
        instantiable: true,
    };

/// Reports `err`, raised where no one can catch it, about `object` (the
/// function that raised it, usually), with `message` in place of
/// "Exception ignored in" (`_PyErr_WriteUnraisableMsg`).
pub fn write_unraisable(vm: &Vm, err: &PyErr, object: Option<&Object>, message: Option<&str>) {
    let exc = err.exception();
    let traceback = crate::exceptions::exception_payload(exc)
        .and_then(|p| p.traceback.borrow().clone())
        .unwrap_or_else(|| vm.none.clone());
    let err_msg = message.map_or_else(
        || vm.none.clone(),
        |m| vm.new_str(&format!("Exception ignored {m}")),
    );
    let values = vec![
        vm.type_of(exc).clone(),
        exc.clone(),
        traceback,
        err_msg,
        object.cloned().unwrap_or_else(|| vm.none.clone()),
    ];
    let sys = crate::objects::dict::dict_of(&vm.modules).get_str(vm, &vm.intern("sys"));
    let hook = sys
        .as_ref()
        .and_then(|s| {
            vm.getattr_opt(s, &vm.intern("unraisablehook"))
                .ok()
                .flatten()
        })
        .filter(|h| !vm.is_none(h));
    let args_type = vm.unraisable_hook_args.get().cloned();
    let (Some(hook), Some(args_type)) = (hook, args_type) else {
        write_default(vm, &values);
        return;
    };
    let called = crate::objects::structseq::new_instance(vm, &args_type, values.clone())
        .and_then(|hook_args| vm.call(&hook, Args::positional_only(&[hook_args])));
    if let Err(hook_err) = called {
        // The hook failed: both errors are written the default way.
        let hook_exc = hook_err.exception();
        let hook_values = [
            vm.type_of(hook_exc).clone(),
            hook_exc.clone(),
            crate::exceptions::exception_payload(hook_exc)
                .and_then(|p| p.traceback.borrow().clone())
                .unwrap_or_else(|| vm.none.clone()),
            vm.new_str("Exception ignored in sys.unraisablehook"),
            hook,
        ];
        write_default(vm, &hook_values);
        write_default(vm, &values);
    }
}

/// `sys.__unraisablehook__(unraisable)`.
pub fn default_hook(vm: &Vm, args: Args) -> crate::errors::PyResult {
    crate::objects::function::check_function_arity(vm, "unraisablehook", args, 1, 1)?;
    let values = tuple_items(&args.values[0])
        .filter(|v| v.len() == HOOK_ARGS.fields.len())
        .ok_or_else(|| {
            vm.new_type_error("sys.unraisablehook argument type must be UnraisableHookArgs")
        })?;
    write_default(vm, values);
    Ok(vm.none.clone())
}

/// The default hook's report (`write_unraisable_exc_file`), on
/// `sys.stderr`.
fn write_default(vm: &Vm, values: &[Object]) {
    let [exc_type, exc_value, traceback, err_msg, object] = values else {
        return;
    };
    let mut out = String::new();
    if !vm.is_none(object) {
        if vm.is_none(err_msg) {
            out.push_str("Exception ignored in");
        } else {
            out.push_str(&vm.str_string(err_msg).unwrap_or_default());
        }
        out.push_str(": ");
        out.push_str(
            &vm.repr_string(object)
                .unwrap_or_else(|_| "<object repr() failed>".to_string()),
        );
        out.push('\n');
    } else if !vm.is_none(err_msg) {
        out.push_str(&vm.str_string(err_msg).unwrap_or_default());
        out.push_str(":\n");
    }
    if !vm.is_none(traceback) {
        out.push_str(&crate::traceback::format_traceback(vm, traceback));
    }
    if !vm.is_none(exc_type) {
        match vm.getattr_opt(exc_type, &vm.names.__module__) {
            Ok(Some(m)) if m.payload::<crate::objects::str::StrObject>().is_some() => {
                let m = as_rust_str(&m);
                if m != "builtins" && m != "__main__" {
                    out.push_str(&m);
                    out.push('.');
                }
            }
            _ => out.push_str("<unknown>"),
        }
        match exc_type.payload::<crate::typeobject::TypeObject>() {
            Some(tp) => out.push_str(&tp.qualname.borrow()),
            None => out.push_str(&vm.repr_string(exc_type).unwrap_or_default()),
        }
        if !vm.is_none(exc_value) {
            out.push_str(": ");
            out.push_str(
                &vm.str_string(exc_value)
                    .unwrap_or_else(|_| "<exception str() failed>".to_string()),
            );
        }
        out.push('\n');
    }
    crate::modules::io::write_stderr(vm, &out);
}
