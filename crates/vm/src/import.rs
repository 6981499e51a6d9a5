//! The import system (Python/import.c): CPython's own, Lib/importlib's
//! `_bootstrap` and `_bootstrap_external`, installed at start-up as
//! `_frozen_importlib` and `_frozen_importlib_external` over the native
//! modules they need (`_imp`, `_thread`, `_warnings`, `_weakref`, `_io`,
//! `marshal`, `posix`). So `sys.meta_path` holds BuiltinImporter,
//! FrozenImporter and PathFinder, `sys.path_hooks` zipimport's and
//! FileFinder's hooks, and specs, loaders, namespace packages,
//! `importlib.reload`, `__spec__`/`__loader__`/`__cached__` and the
//! bytecode cache are all CPython's code. What stays native is what
//! import.c keeps in C: the import statement's fast path
//! ([`import`]: a module already in `sys.modules` is returned without
//! entering Python), relative names resolved from the importing
//! module's globals, and the choice of what the statement binds.
//!
//! Start-up cost, and why it is paid this way. CPython freezes the two
//! bootstrap modules into its binary; Krait compiles them from Lib on
//! first use and keeps their code in Lib's `__pycache__` like any
//! module's ([`crate::pyc`]), so later runs only unmarshal it. Every
//! module is then found by PathFinder and loaded from its own
//! `__pycache__/NAME.krait-311.pyc` (written unless -B,
//! PYTHONDONTWRITEBYTECODE or `sys.dont_write_bytecode`; rewritten when
//! the source's mtime or size changes), which costs less than
//! compiling the native import system did for every module at every
//! start. Measured side by side on one (busy) machine, best of 20 runs,
//! warm caches: `krait -S -c pass` 6.4 ms against CPython 3.11's
//! 8.8 ms (the bootstrap's cost: unmarshalling and running the two
//! modules and zipimport); `-c pass` with site, whose `.pth` files
//! import 91 modules under Krait as they import 102 under CPython,
//! 59 ms against 38 ms: the finders and loaders run as Python code,
//! which CPython's run faster (before this import system, when those
//! imports failed early, krait took 49 ms). The magic
//! number of Krait's cache files changes with its compiler (build.rs),
//! so no Krait runs code another one compiled. Where Lib's
//! `__pycache__` cannot be written, the bootstrap is compiled at every
//! start (about 30 ms); `krait -m compileall` fills the caches.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::dict::{Dict, DictObject};
use crate::objects::str::{as_rust_str, StrObject};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::path::{Path, PathBuf};

/// `sys.modules`, the dict the interpreter was made with (import.c's
/// `interp->modules`: rebinding `sys.modules` does not change it).
fn modules(vm: &Vm) -> &Dict {
    &vm.modules
        .payload::<DictObject>()
        .expect("sys.modules is a dict")
        .dict
}

/// A native module from `sys.modules`, else made now and registered
/// there, without the import system (which needs some of them).
pub(crate) fn builtin_module(vm: &Vm, name: &str) -> PyResult<Object> {
    let key = vm.intern(name);
    if let Some(m) = modules(vm).get_str(vm, &key) {
        return Ok(m);
    }
    let Some(module) = crate::modules::create_builtin(vm, name)? else {
        return Err(vm.new_exception(
            &vm.exceptions.import_error,
            format!("no built-in module named {name}"),
        ));
    };
    modules(vm).set_str(vm, key, module.clone());
    Ok(module)
}

/// Installs the import system, as `init_importlib` and
/// `init_importlib_external` do: `_frozen_importlib` run and given
/// `sys` and `_imp`, the path-based finder and its hooks after it,
/// zipimport's hook first among them. Done once, when the interpreter
/// is configured or at its first import.
pub fn init_importlib(vm: &Vm) -> PyResult<()> {
    importlib(vm).map(|_| ())
}

/// `_frozen_importlib`, installed on first use.
fn importlib(vm: &Vm) -> PyResult<Object> {
    if let Some(m) = vm.module_state.borrow().get("importlib") {
        return Ok(m.clone());
    }
    let imp = builtin_module(vm, "_imp")?;
    let sys = builtin_module(vm, "sys")?;
    let bootstrap = exec_frozen(vm, "_frozen_importlib")?;
    vm.call(
        &vm.getattr(&bootstrap, &vm.intern("_install"))?,
        Args::positional_only(&[sys.clone(), imp]),
    )?;
    // Imports from here on go through it.
    vm.module_state
        .borrow_mut()
        .insert("importlib", bootstrap.clone());
    let import_func = vm.getattr(&vm.builtins, &vm.intern("__import__"))?;
    vm.module_state
        .borrow_mut()
        .insert("import_func", import_func);
    vm.call_method(&bootstrap, "_install_external_importers", &[])?;
    // Krait's code is not CPython's compiler's: its cache files carry
    // its own magic number (crate::pyc), which PyPy does too.
    let external = builtin_module(vm, "_frozen_importlib_external")?;
    let magic = crate::objects::bytes::new_bytes(vm, crate::pyc::MAGIC_NUMBER.to_vec());
    vm.setattr(&external, &vm.intern("MAGIC_NUMBER"), Some(&magic))?;
    let raw = u32::from_le_bytes(crate::pyc::MAGIC_NUMBER);
    vm.setattr(
        &external,
        &vm.intern("_RAW_MAGIC_NUMBER"),
        Some(&vm.new_int(raw.into())),
    )?;
    // A zipimport that cannot be imported leaves zip files unsupported,
    // as in CPython.
    if let Ok(zipimport) = import_module(vm, "zipimport") {
        let zipimporter = vm.getattr(&zipimport, &vm.intern("zipimporter"))?;
        let hooks = vm.getattr(&sys, &vm.intern("path_hooks"))?;
        vm.call_method(&hooks, "insert", &[vm.new_int(0), zipimporter])?;
    }
    Ok(bootstrap)
}

/// Runs frozen module `name` as a new module registered in
/// `sys.modules` (`PyImport_ImportFrozenModuleObject`).
pub(crate) fn exec_frozen(vm: &Vm, name: &str) -> PyResult {
    let code = crate::modules::_imp::frozen_code(vm, name)?;
    let module = crate::objects::module::new_module(vm, name);
    let globals = vm.getattr(&module, &vm.names.__dict__)?;
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
    // FrozenImporter makes the module's spec from this.
    if let Some((_, origname, _)) = crate::modules::_imp::frozen(name) {
        namespace.set_str(vm, vm.intern("__origname__"), vm.new_str(origname));
    }
    let key = vm.intern(name);
    modules(vm).set_str(vm, key.clone(), module.clone());
    if let Err(e) = crate::eval::run_code(vm, &code, &globals, Some(&globals)) {
        let _ = modules(vm).remove(vm, &key);
        return Err(e);
    }
    Ok(module)
}

/// The `__import__` the import system gives to the loaders it calls
/// (`interp->import_func`): the builtins' own, as it was at start-up.
fn import_func(vm: &Vm) -> Object {
    vm.module_state
        .borrow()
        .get("import_func")
        .cloned()
        .unwrap_or_else(|| vm.none.clone())
}

/// `__import__(name, globals, locals, fromlist, level)`: the module the
/// import statement binds (`PyImport_ImportModuleLevelObject`).
pub fn import(
    vm: &Vm,
    name: &Object,
    globals: Option<&Object>,
    fromlist: &Object,
    level: i64,
) -> PyResult {
    import_level(vm, name, globals, fromlist, level)
        .inspect_err(|e| remove_importlib_frames(vm, &e.0))
}

fn import_level(
    vm: &Vm,
    name: &Object,
    globals: Option<&Object>,
    fromlist: &Object,
    level: i64,
) -> PyResult {
    if name.payload::<StrObject>().is_none() {
        return Err(vm.new_type_error("module name must be a string"));
    }
    if level < 0 {
        return Err(vm.new_value_error("level must be >= 0"));
    }
    let name_text = as_rust_str(name).into_owned();
    let absolute = if level > 0 {
        resolve_name(vm, &name_text, globals, level)?
    } else {
        if name_text.is_empty() {
            return Err(vm.new_value_error("Empty module name"));
        }
        name_text.clone()
    };
    let module = import_absolute(vm, &absolute)?;
    let has_from = !vm.is_none(fromlist) && vm.is_true(fromlist)?;
    if has_from {
        if vm.getattr_opt(&module, &vm.names.__path__)?.is_none() {
            return Ok(module);
        }
        let importlib = importlib(vm)?;
        return vm.call(
            &vm.getattr(&importlib, &vm.intern("_handle_fromlist"))?,
            Args::positional_only(&[module, fromlist.clone(), import_func(vm)]),
        );
    }
    let Some(dot) = name_text.find('.') else {
        return Ok(module);
    };
    if level == 0 {
        // `import a.b.c` binds `a`.
        return import(vm, &vm.new_str(&name_text[..dot]), None, &vm.none, 0);
    }
    let cut_off = name_text.len() - dot;
    let to_return = &absolute[..absolute.len() - cut_off];
    match modules(vm).get(vm, &vm.new_str(to_return))? {
        Some(m) => Ok(m),
        None => Err(vm.new_exception(
            &vm.exceptions.key_error,
            format!("'{to_return}' not in sys.modules as expected"),
        )),
    }
}

/// Takes the import system's own frames out of an exception's
/// traceback, unless `-v` asks for them (`remove_importlib_frames`):
/// for an ImportError all of them, else each run of them that ends in
/// `_call_with_frames_removed`, the call into the module's own code.
fn remove_importlib_frames(vm: &Vm, exc: &Object) {
    let verbose = crate::modules::sys::sys_attr(vm, &vm.intern("flags"))
        .and_then(|flags| vm.getattr(&flags, &vm.intern("verbose")).ok())
        .and_then(|v| v.as_small_int())
        .unwrap_or(0);
    let Some(payload) = crate::exceptions::exception_payload(exc) else {
        return;
    };
    if verbose > 0 {
        return;
    }
    let always_trim = vm.is_instance(exc, &vm.exceptions.import_error);
    let mut kept: Vec<Object> = Vec::new();
    let mut chunk_start = 0;
    let mut in_importlib = false;
    let mut entry = payload.traceback.borrow().clone();
    while let Some(tb) = entry {
        let traceback = tb
            .payload::<crate::traceback::TracebackObject>()
            .expect("a traceback");
        let next = traceback.next.borrow().clone();
        let code = traceback.code();
        let filename = code.filename_text();
        let now_in_importlib = filename == "<frozen importlib._bootstrap>"
            || filename == "<frozen importlib._bootstrap_external>";
        if now_in_importlib && !in_importlib {
            chunk_start = kept.len();
        }
        in_importlib = now_in_importlib;
        if in_importlib && (always_trim || code.code.name == "_call_with_frames_removed") {
            kept.truncate(chunk_start);
        } else {
            kept.push(tb.clone());
        }
        entry = next;
    }
    for pair in kept.windows(2) {
        let traceback = pair[0]
            .payload::<crate::traceback::TracebackObject>()
            .expect("a traceback");
        *traceback.next.borrow_mut() = Some(pair[1].clone());
    }
    if let Some(last) = kept.last() {
        let traceback = last
            .payload::<crate::traceback::TracebackObject>()
            .expect("a traceback");
        *traceback.next.borrow_mut() = None;
    }
    *payload.traceback.borrow_mut() = kept.first().cloned();
}

/// The module of an absolute name: from `sys.modules`, waiting for it
/// if another thread is still initializing it, else found and loaded
/// by `_find_and_load`.
fn import_absolute(vm: &Vm, name: &str) -> PyResult {
    let key = vm.new_str(name);
    if let Some(module) = modules(vm).get(vm, &key)? {
        if !vm.is_none(&module) {
            if initializing(vm, &module)? {
                let importlib = importlib(vm)?;
                vm.call_method(&importlib, "_lock_unlock_module", &[key])?;
            }
            return Ok(module);
        }
    }
    let importlib = importlib(vm)?;
    vm.call(
        &vm.getattr(&importlib, &vm.intern("_find_and_load"))?,
        Args::positional_only(&[key, import_func(vm)]),
    )
}

/// Whether `module.__spec__._initializing` is true (`import_ensure_initialized`).
fn initializing(vm: &Vm, module: &Object) -> PyResult<bool> {
    let Some(spec) = vm.getattr_opt(module, &vm.names.__spec__)? else {
        return Ok(false);
    };
    match vm.getattr_opt(&spec, &vm.intern("_initializing"))? {
        Some(flag) => vm.is_true(&flag),
        None => Ok(false),
    }
}

/// The absolute name of a relative import from the module whose globals
/// are given (`resolve_name`): its package from `__package__`, else
/// `__spec__.parent`, else `__name__` and `__path__`.
fn resolve_name(vm: &Vm, name: &str, globals: Option<&Object>, level: i64) -> PyResult<String> {
    let Some(globals) = globals else {
        return Err(vm.new_exception(&vm.exceptions.key_error, "'__name__' not in globals"));
    };
    let Some(globals) = globals.payload::<DictObject>().map(|g| &g.dict) else {
        return Err(vm.new_type_error("globals must be a dict"));
    };
    let get = |key: &Object| globals.get(vm, key);
    let package = get(&vm.names.__package__)?.filter(|p| !vm.is_none(p));
    let spec = get(&vm.names.__spec__)?.filter(|s| !vm.is_none(s));
    let package = match (package, spec) {
        (Some(package), spec) => {
            if package.payload::<StrObject>().is_none() {
                return Err(vm.new_type_error("package must be a string"));
            }
            if let Some(spec) = spec {
                let parent = vm.getattr(&spec, &vm.intern("parent"))?;
                if !vm.eq(&package, &parent)? {
                    warn_import(vm, "__package__ != __spec__.parent")?;
                }
            }
            as_rust_str(&package).into_owned()
        }
        (None, Some(spec)) => {
            let parent = vm.getattr(&spec, &vm.intern("parent"))?;
            if parent.payload::<StrObject>().is_none() {
                return Err(vm.new_type_error("__spec__.parent must be a string"));
            }
            as_rust_str(&parent).into_owned()
        }
        (None, None) => {
            warn_import(
                vm,
                "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__",
            )?;
            let Some(module_name) = get(&vm.names.__name__)? else {
                return Err(vm.new_exception(&vm.exceptions.key_error, "'__name__' not in globals"));
            };
            if module_name.payload::<StrObject>().is_none() {
                return Err(vm.new_type_error("__name__ must be a string"));
            }
            let module_name = as_rust_str(&module_name).into_owned();
            if get(&vm.names.__path__)?.is_some() {
                module_name
            } else {
                match module_name.rsplit_once('.') {
                    Some((parent, _)) => parent.to_string(),
                    None => return Err(no_parent(vm)),
                }
            }
        }
    };
    if package.is_empty() {
        return Err(no_parent(vm));
    }
    let mut base = package.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((parent, _)) => base = parent,
            None => {
                return Err(vm.new_exception(
                    &vm.exceptions.import_error,
                    "attempted relative import beyond top-level package",
                ))
            }
        }
    }
    Ok(if name.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{name}")
    })
}

fn no_parent(vm: &Vm) -> PyErr {
    vm.new_exception(
        &vm.exceptions.import_error,
        "attempted relative import with no known parent package",
    )
}

/// An ImportWarning about a relative import's package.
fn warn_import(vm: &Vm, message: &str) -> PyResult<()> {
    let warnings = builtin_module(vm, "_warnings")?;
    let args = [
        vm.new_str(message),
        vm.exceptions.import_warning.clone(),
        vm.new_int(1),
    ];
    vm.call(
        &vm.getattr(&warnings, &vm.intern("warn"))?,
        Args::positional_only(&args),
    )?;
    Ok(())
}

/// IMPORT_FROM, `from module import name` (ceval.c's `import_from`):
/// the attribute, else the submodule `module.name` if `sys.modules` has
/// it (a circular import may not have bound it yet), else an
/// ImportError naming the module and its file.
pub fn import_from(vm: &Vm, module: &Object, name: &Object) -> PyResult {
    if let Some(value) = vm.getattr_opt(module, name)? {
        return Ok(value);
    }
    let module_name = vm
        .getattr_opt(module, &vm.names.__name__)?
        .filter(|n| n.payload::<StrObject>().is_some());
    if let Some(module_name) = &module_name {
        let full = format!("{}.{}", as_rust_str(module_name), as_rust_str(name));
        if let Some(submodule) = modules(vm).get(vm, &vm.new_str(&full))? {
            return Ok(submodule);
        }
    }
    let shown = match &module_name {
        Some(n) => vm.repr_string(n)?,
        None => "'<unknown module name>'".to_string(),
    };
    let path = vm
        .getattr_opt(module, &vm.names.__file__)?
        .filter(|f| f.payload::<StrObject>().is_some());
    let name_repr = vm.repr_string(name)?;
    let message = match &path {
        None => format!("cannot import name {name_repr} from {shown} (unknown location)"),
        Some(path) if initializing(vm, module)? => format!(
            "cannot import name {name_repr} from partially initialized module {shown} \
             (most likely due to a circular import) ({})",
            as_rust_str(path)
        ),
        Some(path) => format!(
            "cannot import name {name_repr} from {shown} ({})",
            as_rust_str(path)
        ),
    };
    let error = vm.new_exception(&vm.exceptions.import_error, message);
    let none = vm.none.clone();
    vm.setattr(
        &error.0,
        &vm.intern("name"),
        Some(module_name.as_ref().unwrap_or(&none)),
    )?;
    vm.setattr(
        &error.0,
        &vm.intern("path"),
        Some(path.as_ref().unwrap_or(&none)),
    )?;
    Err(error)
}

/// `PyImport_ImportModule(name)`: the module itself, not its top-level
/// package.
pub fn import_module(vm: &Vm, name: &str) -> PyResult {
    import(vm, &vm.new_str(name), None, &vm.none, 0)?;
    let key = vm.new_str(name);
    match modules(vm).get(vm, &key)? {
        Some(m) => Ok(m),
        None => Err(vm.new_key_error(key)),
    }
}

/// `krait -m NAME`: Lib/runpy.py's `_run_module_as_main(NAME, True)`,
/// which finds the module (a package's `__main__`) and runs it as
/// `__main__` (`pymain_run_module`).
pub fn run_module_as_main(vm: &Vm, name: &str) -> PyResult<()> {
    let runpy = import_module(vm, "runpy").inspect_err(|_| {
        crate::modules::io::write_stderr(vm, "Could not import runpy module\n");
    })?;
    let run = vm
        .getattr(&runpy, &vm.intern("_run_module_as_main"))
        .inspect_err(|_| {
            crate::modules::io::write_stderr(vm, "Could not access runpy._run_module_as_main\n");
        })?;
    vm.call(
        &run,
        Args::positional_only(&[vm.new_str(name), vm.true_.clone()]),
    )?;
    Ok(())
}

/// `from module import *`: the names of `__all__`, or the public ones.
pub fn import_star(vm: &Vm, module: &Object, locals: &Object) -> PyResult<()> {
    let names = match vm.getattr_opt(module, &vm.names.__all__)? {
        Some(all) => vm.collect_iterable(&all)?,
        None => {
            let dict = vm.getattr(module, &vm.names.__dict__)?;
            let keys = match dict.payload::<DictObject>() {
                Some(d) => d.dict.keys(),
                None => vm.collect_iterable(&dict)?,
            };
            keys.into_iter()
                .filter(|k| !as_rust_str(k).starts_with('_'))
                .collect()
        }
    };
    for name in names {
        let value = vm.getattr(module, &name)?;
        vm.setitem(locals, &name, Some(&value))?;
    }
    Ok(())
}

/// The directory of CPython 3.11's standard library, which Krait runs:
/// `$PYTHONHOME/lib/python3.11` when PYTHONHOME is set (CPython's own
/// override), else the one the `python3.11` found when Krait was built
/// reported, else the usual install locations.
pub fn stdlib_dir() -> Option<PathBuf> {
    let is_stdlib = |dir: &Path| dir.join("os.py").is_file();
    if let Some(home) = std::env::var_os("PYTHONHOME") {
        // PYTHONHOME may be `prefix:exec_prefix`; the library is under prefix.
        let home = PathBuf::from(home);
        let prefix = std::env::split_paths(&home).next().unwrap_or(home);
        let dir = prefix.join("lib").join("python3.11");
        return is_stdlib(&dir).then_some(dir);
    }
    let built = env!("KRAIT_CPYTHON_STDLIB");
    std::iter::once(PathBuf::from(built))
        .filter(|_| !built.is_empty())
        .chain(["/usr/local/lib/python3.11", "/usr/lib/python3.11"].map(PathBuf::from))
        .find(|dir| is_stdlib(dir))
}
