//! The builtin types, one file each (Objects/*.c).

pub mod anext_awaitable;
pub mod async_generator;
pub mod bytearray;
pub mod bytes;
pub mod bytes_methods;
pub mod cell;
pub mod code;
pub mod codecs;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod dictview;
pub mod enumerate;
pub mod filter;
pub mod float;
pub mod frame;
pub mod function;
pub mod generator;
pub mod genericalias;
pub mod getargs;
pub mod hash;
pub mod instance_values;
pub mod int;
pub mod iter;
pub mod list;
pub mod map;
pub mod memoryview;
pub mod module;
pub mod namespace;
pub mod object;
pub mod printf;
pub mod range;
pub mod reduce;
pub mod sequence;
pub mod set;
pub mod slice;
pub mod str;
pub mod str_format;
pub mod str_methods;
pub mod stringlib;
pub mod structseq;
pub mod tuple;
pub mod union;
pub mod weakref;
pub mod zip;

use crate::object::type_payload;
use crate::vm::Vm;

/// Fills in every builtin type's slots and methods, then lets each
/// inherit what it does not define from its base.
pub(crate) fn init_types(vm: &Vm) {
    // A classmethod or staticmethod has an instance dict (`functools_wraps`
    // fills it), whose word must be there before the first one is made.
    for ty in [&vm.types.classmethod, &vm.types.staticmethod] {
        crate::typeobject::give_instance_dict(vm, ty);
    }
    object::init(vm);
    reduce::init(vm);
    crate::typeobject::init(vm);
    int::init(vm);
    float::init(vm);
    complex::init(vm);
    str::init(vm);
    bytes::init(vm);
    bytearray::init(vm);
    tuple::init(vm);
    list::init(vm);
    dict::init(vm);
    dictview::init(vm);
    set::init(vm);
    function::init(vm);
    generator::init(vm);
    async_generator::init(vm);
    anext_awaitable::init(vm);
    frame::init(vm);
    descr::init(vm);
    code::init(vm);
    cell::init(vm);
    module::init(vm);
    namespace::init(vm);
    genericalias::init(vm);
    memoryview::init(vm);
    union::init(vm);
    range::init(vm);
    iter::init(vm);
    enumerate::init(vm);
    zip::init(vm);
    map::init(vm);
    filter::init(vm);
    slice::init(vm);
    weakref::init(vm);
    crate::traceback::init(vm);
    crate::modules::sre::init_types(vm);
    crate::modules::symtable::init_type(vm);
    for ty in vm.types.all().into_iter().chain([&vm.type_type]) {
        crate::typeobject::set_default_doc(vm, ty);
        let tp = type_payload(ty);
        let base = tp.base.borrow().clone();
        if let Some(base) = base {
            // A builtin type over `object` that has a payload of its own
            // and no `new` cannot be instantiated from Python
            // (`Py_TPFLAGS_DISALLOW_INSTANTIATION`).
            let disallow = tp.slots.new.get().is_none()
                && base.is(&vm.object_type)
                && tp.layout != crate::typeobject::Layout::Object;
            tp.slots.inherit(&type_payload(&base).slots);
            if disallow {
                tp.slots.new.set(None);
            }
        }
    }
}
