//! `_imp` (Python/import.c's module functions): what Lib/importlib's
//! `_bootstrap` asks of the interpreter. Native modules are made from
//! [`super::BUILTIN_MODULES`]; the import lock is an `_thread.RLock`;
//! and the "frozen" modules are the import system's own
//! (`_frozen_importlib`, `_frozen_importlib_external`, `zipimport`),
//! whose code CPython builds into its binary and Krait compiles from
//! Lib once, keeping it in Lib's `__pycache__` ([`crate::pyc`]).
//! Krait loads no C extension modules: `extension_suffixes()` is
//! empty and, as in a CPython built without dynamic loading, there is
//! no `create_dynamic`.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::function::NativeFn;
use crate::objects::int::bind_args;
use crate::objects::str::StrObject;
use crate::typeobject::Args;
use crate::vm::Vm;

/// The frozen modules: name, the name of the Lib module they are
/// (`__origname__`), and its source file under Lib.
pub(crate) const FROZEN: &[(&str, &str, &str)] = &[
    (
        "_frozen_importlib",
        "importlib._bootstrap",
        "importlib/_bootstrap.py",
    ),
    (
        "_frozen_importlib_external",
        "importlib._bootstrap_external",
        "importlib/_bootstrap_external.py",
    ),
    ("zipimport", "zipimport", "zipimport.py"),
];

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::add_functions(vm, module, FUNCTIONS);
    super::set_attr(vm, module, "check_hash_based_pycs", vm.new_str("default"));
    Ok(())
}

static FUNCTIONS: &[(&str, NativeFn)] = &[
    ("lock_held", |vm, args| {
        bind_args(vm, "lock_held", args, &[], 0, 0)?;
        let lock = import_lock(vm)?;
        let held = vm.call_method(&lock, "_is_owned", &[])?;
        Ok(held)
    }),
    ("acquire_lock", |vm, args| {
        bind_args(vm, "acquire_lock", args, &[], 0, 0)?;
        vm.call_method(&import_lock(vm)?, "acquire", &[])?;
        Ok(vm.none.clone())
    }),
    ("release_lock", |vm, args| {
        bind_args(vm, "release_lock", args, &[], 0, 0)?;
        let lock = import_lock(vm)?;
        let held = vm.call_method(&lock, "_is_owned", &[])?;
        if !vm.is_true(&held)? {
            return Err(vm.new_runtime_error("not holding the import lock"));
        }
        vm.call_method(&lock, "release", &[])?;
        Ok(vm.none.clone())
    }),
    ("is_builtin", |vm, args| {
        let bound = bind_args(vm, "is_builtin", args, &[""], 1, 1)?;
        let name = name_arg(vm, "is_builtin", bound[0].as_ref().expect("required"))?;
        // -1 for the modules made at start-up, which cannot be made again.
        Ok(vm.new_int(
            match super::BUILTIN_MODULES.iter().find(|(n, _)| *n == name) {
                Some((_, None)) => -1,
                Some(_) => 1,
                None => 0,
            },
        ))
    }),
    ("create_builtin", create_builtin),
    ("exec_builtin", |vm, args| {
        // Krait's native modules are complete once made, as CPython's
        // single-phase ones are: there is nothing left to execute.
        bind_args(vm, "exec_builtin", args, &[""], 1, 1)?;
        Ok(vm.new_int(0))
    }),
    ("is_frozen", |vm, args| {
        let bound = bind_args(vm, "is_frozen", args, &[""], 1, 1)?;
        let name = name_arg(vm, "is_frozen", bound[0].as_ref().expect("required"))?;
        Ok(vm.new_bool(frozen(&name).is_some()))
    }),
    ("is_frozen_package", |vm, args| {
        let bound = bind_args(vm, "is_frozen_package", args, &[""], 1, 1)?;
        let name = name_arg(
            vm,
            "is_frozen_package",
            bound[0].as_ref().expect("required"),
        )?;
        frozen(&name).ok_or_else(|| no_frozen(vm, &name))?;
        Ok(vm.false_.clone())
    }),
    ("find_frozen", |vm, args| {
        let bound = bind_args(vm, "find_frozen", args, &["", "withdata"], 1, 1)?;
        let name = name_arg(vm, "find_frozen", bound[0].as_ref().expect("required"))?;
        let Some((_, origname, _)) = frozen(&name) else {
            return Ok(vm.none.clone());
        };
        let withdata = match &bound[1] {
            Some(flag) => vm.is_true(flag)?,
            None => false,
        };
        let data = if withdata {
            let code = frozen_code(vm, &name)?;
            let bytes = super::marshal::dumps(vm, &code, 4)?;
            let bytes = crate::objects::bytes::new_bytes(vm, bytes);
            vm.call(
                &vm.types.memoryview,
                Args::positional_only(std::slice::from_ref(&bytes)),
            )?
        } else {
            vm.none.clone()
        };
        Ok(vm.new_tuple(vec![data, vm.false_.clone(), vm.new_str(origname)]))
    }),
    ("get_frozen_object", |vm, args| {
        let bound = bind_args(vm, "get_frozen_object", args, &["", ""], 2, 1)?;
        let name = name_arg(
            vm,
            "get_frozen_object",
            bound[0].as_ref().expect("required"),
        )?;
        match bound[1].as_ref().filter(|d| !vm.is_none(d)) {
            Some(data) => {
                let data = crate::objects::bytes::buffer_arg(vm, data)?;
                super::marshal::loads(vm, &data)
            }
            None => frozen_code(vm, &name),
        }
    }),
    ("init_frozen", |vm, args| {
        let bound = bind_args(vm, "init_frozen", args, &[""], 1, 1)?;
        let name = name_arg(vm, "init_frozen", bound[0].as_ref().expect("required"))?;
        if frozen(&name).is_none() {
            return Ok(vm.none.clone());
        }
        crate::import::exec_frozen(vm, &name)
    }),
    ("_frozen_module_names", |vm, args| {
        bind_args(vm, "_frozen_module_names", args, &[], 0, 0)?;
        Ok(vm.new_list(FROZEN.iter().map(|(n, _, _)| vm.new_str(n)).collect()))
    }),
    ("extension_suffixes", |vm, args| {
        bind_args(vm, "extension_suffixes", args, &[], 0, 0)?;
        Ok(vm.new_list(Vec::new()))
    }),
    ("_fix_co_filename", |vm, args| {
        let bound = bind_args(vm, "_fix_co_filename", args, &["", ""], 2, 2)?;
        let code = bound[0].as_ref().expect("required");
        let path = bound[1].as_ref().expect("required");
        let Some(code) = code.payload::<crate::objects::code::CodePayload>() else {
            return Err(vm.new_type_error(format!(
                "_fix_co_filename() argument 1 must be code, not {}",
                crate::objects::getargs::clinic_type_name(vm, code)
            )));
        };
        if path.payload::<StrObject>().is_none() {
            return Err(vm.new_type_error(format!(
                "_fix_co_filename() argument 2 must be str, not {}",
                crate::objects::getargs::clinic_type_name(vm, path)
            )));
        }
        code.fix_filename(&code.filename(), path);
        Ok(vm.none.clone())
    }),
    ("source_hash", |vm, args| {
        let bound = bind_args(vm, "source_hash", args, &["key", "source"], 0, 2)?;
        let key = crate::objects::getargs::index_arg(vm, bound[0].as_ref().expect("required"))?;
        let source = crate::objects::bytes::buffer_arg(vm, bound[1].as_ref().expect("required"))?;
        // `_Py_KeyedHash`: SipHash-1-3 keyed by the key and zero, its
        // eight bytes in the machine's order.
        let mut hasher = siphasher::sip::SipHasher13::new_with_keys(key as u64, 0);
        std::hash::Hasher::write(&mut hasher, &source);
        let hash = std::hash::Hasher::finish(&hasher);
        Ok(crate::objects::bytes::new_bytes(
            vm,
            hash.to_ne_bytes().to_vec(),
        ))
    }),
];

/// The frozen module `name`: its entry in [`FROZEN`].
pub(crate) fn frozen(name: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    FROZEN.iter().find(|(n, _, _)| *n == name)
}

/// The code of frozen module `name`, from Lib's source by way of the
/// bytecode cache.
pub(crate) fn frozen_code(vm: &Vm, name: &str) -> PyResult {
    let Some((_, origname, file)) = frozen(name) else {
        return Err(no_frozen(vm, name));
    };
    let Some(stdlib) = crate::import::stdlib_dir() else {
        return Err(no_frozen(vm, name));
    };
    // Frozen code names itself as CPython's does, which is also how the
    // import system knows its own frames in a traceback.
    crate::pyc::source_code(vm, &stdlib.join(file), &format!("<frozen {origname}>"))
}

fn no_frozen(vm: &Vm, name: &str) -> PyErr {
    let error = vm.new_exception(
        &vm.exceptions.import_error,
        format!("No such frozen object named '{name}'"),
    );
    let _ = vm.setattr(&error.0, &vm.intern("name"), Some(&vm.new_str(name)));
    error
}

fn name_arg(vm: &Vm, function: &str, name: &Object) -> PyResult<String> {
    crate::objects::getargs::str_arg(vm, function, "argument", name)
}

/// `create_builtin(spec)`: the native module `spec.name`, made now; for
/// `sys` and `builtins`, made at start-up, the existing module; None
/// for a name that is no native module.
fn create_builtin(vm: &Vm, args: Args) -> PyResult {
    let bound = bind_args(vm, "create_builtin", args, &[""], 1, 1)?;
    let spec = bound[0].as_ref().expect("required");
    let name = vm.getattr(spec, &vm.intern("name"))?;
    let Some(text) = name.payload::<StrObject>().map(|s| s.to_string_lossy()) else {
        return Err(vm.new_type_error(format!("name must be string, not {}", vm.type_name(&name))));
    };
    match super::BUILTIN_MODULES.iter().find(|(n, _)| *n == text) {
        Some((_, None)) => {
            let modules = &vm
                .modules
                .payload::<crate::objects::dict::DictObject>()
                .expect("a dict")
                .dict;
            Ok(modules
                .get_str(vm, &vm.intern(&text))
                .unwrap_or_else(|| vm.none.clone()))
        }
        Some(_) => Ok(super::create_builtin(vm, &text)?.unwrap_or_else(|| vm.none.clone())),
        None => Ok(vm.none.clone()),
    }
}

/// The import lock (`_PyImport_AcquireLock`): reentrant, held by one
/// thread at a time.
fn import_lock(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_imp.lock", |vm| {
        // Not through the import system, which takes this lock.
        let thread = crate::import::builtin_module(vm, "_thread")?;
        let rlock = vm.getattr(&thread, &vm.intern("RLock"))?;
        vm.call(&rlock, Args::positional_only(&[]))
    })
}
