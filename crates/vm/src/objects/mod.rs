//! The builtin types, one file each (Objects/*.c).

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
pub mod function;
pub mod generator;
pub mod getargs;
pub mod hash;
pub mod int;
pub mod iter;
pub mod list;
pub mod map;
pub mod module;
pub mod namespace;
pub mod object;
pub mod printf;
pub mod range;
pub mod sequence;
pub mod set;
pub mod slice;
pub mod str;
pub mod str_format;
pub mod str_methods;
pub mod stringlib;
pub mod structseq;
pub mod tuple;
pub mod zip;

use crate::object::type_payload;
use crate::vm::Vm;

/// Fills in every builtin type's slots and methods, then lets each
/// inherit what it does not define from its base.
pub(crate) fn init_types(vm: &Vm) {
    object::init(vm);
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
    descr::init(vm);
    code::init(vm);
    cell::init(vm);
    module::init(vm);
    namespace::init(vm);
    range::init(vm);
    iter::init(vm);
    enumerate::init(vm);
    zip::init(vm);
    map::init(vm);
    filter::init(vm);
    slice::init(vm);
    crate::traceback::init(vm);
    crate::modules::sre::init_types(vm);
    for ty in vm.types.all() {
        let tp = type_payload(ty);
        let base = tp.base.borrow().clone();
        if let Some(base) = base {
            tp.slots.inherit(&type_payload(&base).slots);
        }
    }
}
