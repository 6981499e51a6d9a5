//! Native modules, one file each (Modules/, Python/sysmodule.c).

pub mod sys;

use crate::vm::Vm;

/// Makes the native modules and puts them in `sys.modules`.
pub(crate) fn init(vm: &Vm) {
    sys::init(vm);
}
