//! The import statement (Python/import.c's `PyImport_ImportModuleLevelObject`
//! and the path-based finder of Lib/importlib/_bootstrap_external.py, in
//! their simplest form): modules from `sys.modules`, else `NAME.py` or
//! the package `NAME/__init__.py` found on `sys.path`, packages and
//! relative imports included. The full import system, with importlib
//! and CPython's Lib, is a later stage.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::str::{as_rust_str, StrObject};
use crate::vm::Vm;
use std::path::{Path, PathBuf};

/// `__import__(name, globals, locals, fromlist, level)`: the module the
/// import statement binds.
pub fn import(
    vm: &Vm,
    name: &Object,
    globals: Option<&Object>,
    fromlist: &Object,
    level: i64,
) -> PyResult {
    let Some(name) = name.payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "module name must be str, not {}",
            vm.type_name(name)
        )));
    };
    let name = name.to_string_lossy();
    if level < 0 {
        return Err(vm.new_value_error("level must be >= 0"));
    }
    let absolute = if level > 0 {
        resolve_relative(vm, &name, globals, level)?
    } else {
        if name.is_empty() {
            return Err(vm.new_value_error("Empty module name"));
        }
        name.clone()
    };
    let module = import_absolute(vm, &absolute)?;
    let fromlist_items = if vm.is_none(fromlist) {
        Vec::new()
    } else {
        vm.collect_iterable(fromlist)?
    };
    if fromlist_items.is_empty() {
        if level == 0 {
            // `import a.b.c` binds `a`.
            let top = absolute.split('.').next().unwrap_or(&absolute);
            return import_absolute(vm, top);
        }
        if name.is_empty() {
            return Ok(module);
        }
        // `from . import` never reaches here; `import .x` is not syntax.
        let cut = absolute.len() - name.len();
        let top = &absolute[..cut + name.split('.').next().unwrap_or(&name).len()];
        return import_absolute(vm, top);
    }
    if vm.getattr_opt(&module, &vm.names.__path__)?.is_some() {
        for item in fromlist_items {
            let item = as_rust_str(&item).into_owned();
            if item == "*" {
                continue;
            }
            if vm.getattr_opt(&module, &vm.intern(&item))?.is_none() {
                let submodule = format!("{absolute}.{item}");
                match import_absolute(vm, &submodule) {
                    Ok(_) => {}
                    Err(e) if e.matches(vm, &vm.exceptions.module_not_found_error) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(module)
}

/// The absolute name of a relative import from the module whose globals
/// are given (`resolve_name`).
fn resolve_relative(vm: &Vm, name: &str, globals: Option<&Object>, level: i64) -> PyResult<String> {
    let lookup = |key: &Object| {
        globals
            .and_then(|g| g.payload::<DictObject>())
            .and_then(|g| g.dict.get_str(vm, key))
    };
    let package = match lookup(&vm.names.__package__).filter(|p| !vm.is_none(p)) {
        Some(p) => as_rust_str(&p).into_owned(),
        None => {
            let Some(module_name) = lookup(&vm.names.__name__) else {
                return Err(vm.new_exception(&vm.exceptions.key_error, "'__name__' not in globals"));
            };
            let module_name = as_rust_str(&module_name).into_owned();
            if lookup(&vm.names.__path__).is_some() {
                module_name
            } else {
                module_name
                    .rsplit_once('.')
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default()
            }
        }
    };
    if package.is_empty() {
        return Err(vm.new_exception(
            &vm.exceptions.import_error,
            "attempted relative import with no known parent package",
        ));
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

fn modules(vm: &Vm) -> &crate::objects::dict::Dict {
    &vm.modules
        .payload::<DictObject>()
        .expect("sys.modules is a dict")
        .dict
}

/// `importlib.import_module(name)` for an absolute name: the module
/// itself, not its top-level package.
pub fn import_module(vm: &Vm, name: &str) -> PyResult {
    import_absolute(vm, name)
}

/// Imports a module by its full dotted name, parents first.
fn import_absolute(vm: &Vm, name: &str) -> PyResult {
    if let Some(m) = modules(vm).get_str(vm, &vm.intern(name)) {
        return Ok(m);
    }
    let (parent, search_path) = match name.rsplit_once('.') {
        Some((parent_name, _)) => {
            let parent = import_absolute(vm, parent_name)?;
            // Importing the parent may have imported this module too.
            if let Some(m) = modules(vm).get_str(vm, &vm.intern(name)) {
                return Ok(m);
            }
            let Some(path) = vm.getattr_opt(&parent, &vm.names.__path__)? else {
                return Err(not_found(
                    vm,
                    format!("No module named '{name}'; '{parent_name}' is not a package"),
                    name,
                ));
            };
            (
                Some((parent, parent_name.to_string())),
                path_entries(vm, &path)?,
            )
        }
        None => {
            if let Some(module) = crate::modules::create_builtin(vm, name)? {
                modules(vm).set_str(vm, vm.intern(name), module.clone());
                return Ok(module);
            }
            (None, sys_path(vm)?)
        }
    };
    let last = name.rsplit('.').next().unwrap_or(name);
    let Some((file, package_dir)) = find(&search_path, last) else {
        return Err(not_found(vm, format!("No module named '{name}'"), name));
    };
    let package = match &package_dir {
        Some(_) => name,
        None => name.rsplit_once('.').map_or("", |(p, _)| p),
    };
    let module = load(vm, name, &file, package_dir.as_deref(), package)?;
    if let Some((parent, _)) = parent {
        vm.setattr(&parent, &vm.intern(last), Some(&module))?;
    }
    Ok(module)
}

fn not_found(vm: &Vm, msg: String, name: &str) -> crate::errors::PyErr {
    let error = vm.new_exception(&vm.exceptions.module_not_found_error, msg);
    let _ = vm.setattr(&error.0, &vm.intern("name"), Some(&vm.new_str(name)));
    error
}

/// The directories of `sys.path`.
fn sys_path(vm: &Vm) -> PyResult<Vec<PathBuf>> {
    let Some(sys) = modules(vm).get_str(vm, &vm.intern("sys")) else {
        return Ok(Vec::new());
    };
    match vm.getattr_opt(&sys, &vm.intern("path"))? {
        Some(path) => path_entries(vm, &path),
        None => Ok(Vec::new()),
    }
}

fn path_entries(vm: &Vm, path: &Object) -> PyResult<Vec<PathBuf>> {
    Ok(vm
        .collect_iterable(path)?
        .iter()
        .filter_map(|p| p.payload::<StrObject>().map(|s| s.to_string_lossy()))
        .map(|p| {
            if p.is_empty() {
                PathBuf::from(".")
            } else {
                PathBuf::from(p)
            }
        })
        .collect())
}

/// The source file of module `name` in `path`: a package's `__init__.py`
/// (with the package directory) or `name.py`.
fn find(path: &[PathBuf], name: &str) -> Option<(PathBuf, Option<PathBuf>)> {
    for dir in path {
        let package = dir.join(name);
        let init = package.join("__init__.py");
        if init.is_file() {
            return Some((init, Some(package)));
        }
        let file = dir.join(format!("{name}.py"));
        if file.is_file() {
            return Some((file, None));
        }
    }
    None
}

/// `krait -m NAME`: finds the module (a package's `__main__`), its
/// parent packages imported first, and runs it as `__main__` with
/// `sys.argv[0]` its file, as runpy's `_run_module_as_main` does. The
/// outer error is a module that cannot be found, with CPython's message;
/// the inner one an exception raised while it runs.
pub fn run_module_as_main(vm: &Vm, name: &str) -> Result<PyResult<()>, String> {
    let (parent_name, last) = match name.rsplit_once('.') {
        Some((parent, last)) => (Some(parent), last),
        None => (None, name),
    };
    let search_path = match parent_name {
        Some(parent_name) => {
            let parent = import_absolute(vm, parent_name).map_err(|e| {
                format!(
                    "Error while finding module specification for '{name}' ({}: {})",
                    vm.type_name(&e.0),
                    vm.str_string(&e.0).unwrap_or_default()
                )
            })?;
            match vm.getattr_opt(&parent, &vm.names.__path__) {
                Ok(Some(path)) => path_entries(vm, &path).map_err(|_| String::new())?,
                _ => {
                    return Err(format!(
                        "Error while finding module specification for '{name}' \
                         (ModuleNotFoundError: __path__ attribute not found on '{parent_name}' \
                         while trying to find '{name}')"
                    ))
                }
            }
        }
        None => sys_path(vm).map_err(|_| String::new())?,
    };
    if crate::modules::BUILTIN_MODULES
        .iter()
        .any(|(n, _)| *n == name)
    {
        return Err(format!("No code object available for {name}"));
    }
    let Some((file, package_dir)) = find(&search_path, last) else {
        return Err(format!("No module named {name}"));
    };
    if package_dir.is_some() {
        let main = format!("{name}.__main__");
        return match run_module_as_main(vm, &main) {
            Err(message) if message == format!("No module named {main}") => Err(format!(
                "No module named {main}; '{name}' is a package and cannot be directly executed"
            )),
            result => result,
        };
    }
    let filename = file.to_string_lossy().into_owned();
    crate::modules::sys::set_argv0(vm, &filename);
    let package = parent_name.unwrap_or("");
    Ok(load(vm, "__main__", &file, None, package).map(|_| ()))
}

/// Runs a module's source in a new module object, registered in
/// `sys.modules` while it runs (and removed again if it fails).
fn load(vm: &Vm, name: &str, file: &Path, package_dir: Option<&Path>, package: &str) -> PyResult {
    let source = std::fs::read(file).map_err(|e| {
        vm.new_exception(
            &vm.exceptions.import_error,
            format!("cannot read {}: {e}", file.display()),
        )
    })?;
    let filename = file.to_string_lossy().into_owned();
    let code = krait_compiler::compile(&source, &filename, vm.optimize.get())
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, &filename, &source))?;
    let code = crate::objects::code::new_code(vm, code)?;
    let module = crate::objects::module::new_module(vm, name);
    let globals = vm.getattr(&module, &vm.names.__dict__)?;
    let namespace = &globals.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.names.__file__.clone(), vm.new_str(&filename));
    namespace.set_str(vm, vm.names.__builtins__.clone(), vm.builtins.clone());
    if let Some(dir) = package_dir {
        let path = vm.new_list(vec![vm.new_str(&dir.to_string_lossy())]);
        namespace.set_str(vm, vm.names.__path__.clone(), path);
    }
    namespace.set_str(vm, vm.names.__package__.clone(), vm.new_str(package));
    let key = vm.intern(name);
    modules(vm).set_str(vm, key.clone(), module.clone());
    if let Err(e) = crate::eval::run_code(vm, &code, &globals, Some(&globals)) {
        let _ = modules(vm).remove(vm, &key);
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(modules(vm).get_str(vm, &key).unwrap_or(module))
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
