//! Native modules, one file each (Modules/, Python/sysmodule.c).
//!
//! [`BUILTIN_MODULES`] is the one list of them, as CPython's inittab
//! (Modules/config.c): the import system looks a name up here before it
//! searches `sys.path`, and `sys.builtin_module_names` is derived from
//! it. Each entry's function builds the module the first time it is
//! imported; `sys` and `builtins` are built at start-up.

pub mod _bisect;
pub mod _codecs;
pub mod _heapq;
pub mod _imp;
pub mod _operator;
pub mod _random;
pub mod _stat;
pub mod _struct;
pub mod _warnings;
pub mod _weakref;
pub mod array;
pub mod ast;
pub mod atexit;
pub mod binascii;
pub mod blake2;
pub mod collections;
pub mod contextvars;
pub mod errno;
pub mod gc;
pub mod hash_object;
pub mod io;
pub mod itertools;
pub mod marshal;
pub mod math;
pub mod md5;
pub mod posix;
pub mod readline;
pub mod scandir;
pub mod sha1;
pub mod sha256;
pub mod sha3;
pub mod sha512;
pub mod signal;
pub mod sre;
pub mod string;
pub mod symtable;
pub mod sys;
pub mod thread;
pub mod thread_local;
pub mod time;
pub mod zlib;

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::function::{new_builtin_function, NativeFn};
use crate::typeobject::{Layout, TypeObject};
use crate::vm::Vm;

/// Builds a native module's namespace, given the module object.
pub type ModuleInit = fn(&Vm, &Object) -> PyResult<()>;

/// Every native module by name: `builtins` and `sys` come ready-made, the
/// rest are built on their first import.
pub static BUILTIN_MODULES: &[(&str, Option<ModuleInit>)] = &[
    ("_bisect", Some(_bisect::init)),
    ("_heapq", Some(_heapq::init)),
    ("_imp", Some(_imp::init)),
    ("_operator", Some(_operator::init)),
    ("_random", Some(_random::init)),
    ("_struct", Some(_struct::init)),
    ("array", Some(array::init)),
    ("_ast", Some(ast::init)),
    ("builtins", None),
    ("_codecs", Some(_codecs::init)),
    ("_collections", Some(collections::init)),
    ("_contextvars", Some(contextvars::init)),
    ("_io", Some(io::init_module)),
    ("_signal", Some(signal::init)),
    ("_blake2", Some(blake2::init)),
    ("binascii", Some(binascii::init)),
    ("_md5", Some(md5::init)),
    ("_sha1", Some(sha1::init)),
    ("_sha256", Some(sha256::init)),
    ("_sha3", Some(sha3::init)),
    ("_sha512", Some(sha512::init)),
    ("_sre", Some(sre::init)),
    ("_stat", Some(_stat::init)),
    ("_string", Some(string::init)),
    ("_symtable", Some(symtable::init)),
    ("_thread", Some(thread::init)),
    ("_warnings", Some(_warnings::init)),
    ("_weakref", Some(_weakref::init)),
    ("atexit", Some(atexit::init)),
    ("errno", Some(errno::init)),
    ("gc", Some(gc::init)),
    ("itertools", Some(itertools::init)),
    ("marshal", Some(marshal::init)),
    ("math", Some(math::init)),
    ("posix", Some(posix::init)),
    ("readline", Some(readline::init)),
    ("sys", None),
    ("time", Some(time::init)),
    ("zlib", Some(zlib::init)),
];

/// Makes the native modules needed at start-up and puts them in
/// `sys.modules`.
pub(crate) fn init(vm: &Vm) {
    sys::init(vm);
    io::init(vm);
    io::init_std_streams(vm, &crate::config::Config::default())
        .expect("the standard streams are made at start-up");
}

/// The native module `name`, built now, or None if there is no such
/// module (BuiltinImporter's `find_spec`).
pub(crate) fn create_builtin(vm: &Vm, name: &str) -> PyResult<Option<Object>> {
    let Some(&(_, Some(init))) = BUILTIN_MODULES.iter().find(|(n, _)| *n == name) else {
        return Ok(None);
    };
    let module = crate::objects::module::new_module(vm, name);
    init(vm, &module)?;
    Ok(Some(module))
}

/// Adds native functions to a module's namespace.
pub(crate) fn add_functions(vm: &Vm, module: &Object, functions: &[(&'static str, NativeFn)]) {
    for &(name, f) in functions {
        set_attr(vm, module, name, new_builtin_function(vm, name, f));
    }
}

/// The object `key` of a native module's state (`PyModule_GetState`),
/// made by `make` the first time: one per interpreter, which every
/// import of the module shares.
pub(crate) fn module_state(
    vm: &Vm,
    key: &'static str,
    make: impl FnOnce(&Vm) -> PyResult<Object>,
) -> PyResult<Object> {
    if let Some(o) = vm.module_state.borrow().get(key) {
        return Ok(o.clone());
    }
    let o = make(vm)?;
    vm.module_state.borrow_mut().insert(key, o.clone());
    Ok(o)
}

/// A new exception class `dotted_name` deriving from `base`, made as
/// `PyErr_NewException` makes it: a heap class whose `__module__` is
/// the part of the name before the last dot.
pub(crate) fn new_exception_class(vm: &Vm, dotted_name: &str, base: &Object) -> PyResult<Object> {
    let (module, name) = dotted_name
        .rsplit_once('.')
        .unwrap_or(("builtins", dotted_name));
    let namespace = vm.new_dict();
    namespace
        .payload::<DictObject>()
        .expect("a dict")
        .dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str(module));
    let bases = vm.new_tuple(vec![base.clone()]);
    vm.call(
        &vm.type_type,
        crate::typeobject::Args::positional_only(&[vm.new_str(name), bases, namespace]),
    )
}

/// Sets one attribute of a native module.
pub(crate) fn set_attr(vm: &Vm, module: &Object, name: &str, value: Object) {
    let namespace = vm
        .getattr(module, &vm.names.__dict__)
        .expect("a module has a __dict__");
    namespace
        .payload::<DictObject>()
        .expect("a module's namespace is a dict")
        .dict
        .set_str(vm, vm.intern(name), value);
}

/// A type defined by a native module (a static type in CPython): a
/// subclass of `object` whose instances hold a `layout` payload.
/// `configure` sets its slots; it inherits the others from `object` and
/// gets the special methods of its slots.
pub(crate) fn new_type(
    vm: &Vm,
    module_name: &str,
    name: &str,
    layout: Layout,
    type_flags: u32,
    configure: impl FnOnce(&TypeObject),
) -> Object {
    let ty = crate::typeobject::new_static_type(
        &vm.type_type,
        name,
        layout,
        &vm.object_type,
        type_flags,
    );
    let tp = crate::object::type_payload(&ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str(module_name));
    configure(tp);
    crate::typeobject::set_default_doc(vm, &ty);
    tp.slots
        .inherit(&crate::object::type_payload(&vm.object_type).slots);
    crate::slots::add_slot_wrappers(vm, &ty);
    ty
}
