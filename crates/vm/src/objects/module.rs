//! `module` (Objects/moduleobject.c): a namespace with a name.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::dict::DictObject;
use crate::objects::str::as_rust_str;
use crate::vm::Vm;

#[derive(krait_derive::Traverse)]
pub struct ModuleObject {
    pub dict: Object,
}

impl ModuleObject {
    pub fn new(dict: Object) -> ModuleObject {
        ModuleObject { dict }
    }

    pub(crate) fn namespace(&self) -> &crate::objects::dict::Dict {
        &self
            .dict
            .payload::<DictObject>()
            .expect("a module's namespace is a dict")
            .dict
    }

    /// The module's `__name__`, or "?" if it has none.
    pub fn name(&self, vm: &Vm) -> String {
        match self.namespace().get_str(vm, &vm.names.__name__) {
            Some(n) if n.payload::<crate::objects::str::StrObject>().is_some() => {
                as_rust_str(&n).into_owned()
            }
            _ => "?".to_string(),
        }
    }
}

/// A new module named `name`, with `__name__`, `__doc__` and the other
/// attributes a fresh module has.
pub fn new_module(vm: &Vm, name: &str) -> Object {
    let dict = vm.new_dict();
    let namespace = &dict.payload::<DictObject>().expect("a dict").dict;
    namespace.set_str(vm, vm.names.__name__.clone(), vm.new_str(name));
    for attr in [
        &vm.names.__doc__,
        &vm.names.__package__,
        &vm.names.__loader__,
        &vm.names.__spec__,
    ] {
        namespace.set_str(vm, attr.clone(), vm.none.clone());
    }
    object::alloc(&vm.types.module, ModuleObject::new(dict))
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.module);
    tp.slots.getattro.set(Some(module_getattro));
    tp.slots.new.set(Some(|vm, ty, _| {
        Ok(object::alloc(ty, ModuleObject::new(vm.new_dict())))
    }));
    tp.slots.init.set(Some(module_init));
    tp.slots.setattro.set(Some(|vm, m, name, value| {
        // A subclass's data descriptors come before the namespace.
        if let Some(descr) = vm.type_payload_of(m).lookup(vm, name) {
            if let Some(set) = vm.type_payload_of(&descr).slots.descr_set.get() {
                return set(vm, &descr, m, value);
            }
        }
        let dict = &m.payload::<ModuleObject>().expect("a module").dict;
        let dict = &dict.payload::<DictObject>().expect("a dict").dict;
        match value {
            Some(v) => dict.set(vm, name.clone(), v.clone()),
            None => match dict.remove(vm, name)? {
                Some(_) => Ok(()),
                None => Err(vm.new_no_attribute(m, name)),
            },
        }
    }));
    tp.slots.repr.set(Some(|vm, m| {
        // Once the import system is there, its `_module_repr` decides,
        // as in CPython, from the module's spec and loader.
        let importlib = vm.module_state.borrow().get("importlib").cloned();
        if let Some(importlib) = importlib {
            return vm.call_method(&importlib, "_module_repr", std::slice::from_ref(m));
        }

        let module = m.payload::<ModuleObject>().expect("a module");
        let name = module.name(vm);
        let text = match module.namespace().get_str(vm, &vm.names.__file__) {
            Some(file) => format!("<module '{name}' from {}>", vm.repr_string(&file)?),
            // Krait's native modules have no spec to say so: their
            // names do.
            None if crate::modules::BUILTIN_MODULES
                .iter()
                .any(|(n, _)| *n == name) =>
            {
                format!("<module '{name}' (built-in)>")
            }
            None => format!("<module {}>", vm.repr_string(&vm.new_str(&name))?),
        };
        Ok(vm.new_str(&text))
    }));
    crate::objects::descr::add_getset(
        vm,
        &vm.types.module,
        "__dict__",
        |_, m| Ok(m.payload::<ModuleObject>().expect("a module").dict.clone()),
        None,
    );
    crate::objects::function::add_methods(vm, &vm.types.module, &[("__dir__", module_dir)]);
    crate::slots::add_slot_wrappers(vm, &vm.types.module);
}

/// `module.__dir__()`: the namespace's own `__dir__()` if it defines
/// one, else its keys.
fn module_dir(vm: &Vm, args: crate::typeobject::Args) -> PyResult {
    crate::objects::function::check_arity(vm, "__dir__", args, 1, 1)?;
    let module = args.values[0]
        .payload::<ModuleObject>()
        .ok_or_else(|| vm.new_type_error("descriptor '__dir__' requires a 'module' object"))?;
    if let Some(dir) = module.namespace().get_str(vm, &vm.intern("__dir__")) {
        return vm.call(&dir, crate::typeobject::Args::positional_only(&[]));
    }
    Ok(vm.new_list(module.namespace().keys()))
}

/// `module(name, doc=None)`: the attributes every module has.
fn module_init(vm: &Vm, m: &Object, args: crate::typeobject::Args) -> PyResult<()> {
    let [name, doc] =
        crate::objects::getargs::bind(vm, "module", args, false, &["name", "doc"], 1)?
            .try_into()
            .expect("two parameters");
    let name = name.expect("a required argument");
    crate::objects::getargs::str_arg(vm, "module", "name", &name)?;
    let namespace = m.payload::<ModuleObject>().expect("a module").namespace();
    namespace.set_str(vm, vm.names.__name__.clone(), name);
    namespace.set_str(
        vm,
        vm.names.__doc__.clone(),
        doc.unwrap_or_else(|| vm.none.clone()),
    );
    for attr in [
        &vm.names.__package__,
        &vm.names.__loader__,
        &vm.names.__spec__,
    ] {
        namespace.set_str(vm, attr.clone(), vm.none.clone());
    }
    Ok(())
}

/// A module's namespace plays the instance dict: it is looked at after
/// the type's data descriptors and before its other attributes
/// (`PyObject_GenericGetAttr` with the dict), then `__getattr__`.
pub(crate) fn module_getattro(vm: &Vm, m: &Object, name: &Object) -> PyResult {
    let module = m.payload::<ModuleObject>().expect("a module");
    let ty = vm.type_of(m);
    let descr = type_payload(ty).lookup(vm, name);
    let getter = descr
        .as_ref()
        .and_then(|d| vm.type_payload_of(d).slots.descr_get.get());
    if let (Some(descr), Some(get)) = (&descr, getter) {
        if vm.type_payload_of(descr).slots.descr_set.get().is_some() {
            return get(vm, descr, Some(m), ty);
        }
    }
    if let Some(v) = module.namespace().get_str(vm, name) {
        return Ok(v);
    }
    match (descr, getter) {
        (Some(descr), Some(get)) => return get(vm, &descr, Some(m), ty),
        (Some(descr), None) => return Ok(descr),
        _ => {}
    }
    if let Some(getattr) = module.namespace().get_str(vm, &vm.intern("__getattr__")) {
        return vm.call(
            &getattr,
            crate::typeobject::Args::positional_only(std::slice::from_ref(name)),
        );
    }
    Err(vm.new_no_attribute(m, name))
}
